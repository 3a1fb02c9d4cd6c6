package io.ballast.health;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fails a test when a {@code ByteBuf} was garbage collected without being released. Registered for every
 * test of this module and of lb-proxy, which gets it from this module's test jar (JUnit extension
 * auto-detection), it puts Netty's leak detector in paranoid mode and
 * replaces its reporting (a log line) with a record that {@link #afterEach} turns into a failure. Netty
 * notices a leak only after a GC and at a later allocation, so a leak may fail the test after the one
 * that caused it; the report carries the allocation and access stack traces either way.
 */
public final class LeakCheck implements AfterEachCallback {

    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

    static {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new ResourceLeakDetectorFactory() {
            @Override
            @SuppressWarnings("deprecation")
            public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
                                                                       long maxActive) {
                return new Recording<>(resource, samplingInterval);
            }
        });
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(20);
            ByteBuf probe = PooledByteBufAllocator.DEFAULT.directBuffer(16); // makes the detector poll
            probe.release();
        }
        if (!LEAKS.isEmpty()) {
            String report = String.join("\n\n", LEAKS);
            LEAKS.clear();
            fail("ByteBuf leak(s) detected:\n" + report);
        }
    }

    private static final class Recording<T> extends ResourceLeakDetector<T> {

        Recording(Class<T> resource, int samplingInterval) {
            super(resource, samplingInterval);
        }

        @Override
        protected void reportTracedLeak(String resourceType, String records) {
            LEAKS.add(resourceType + " leaked:" + records);
        }

        @Override
        protected void reportUntracedLeak(String resourceType) {
            LEAKS.add(resourceType + " leaked (no trace)");
        }
    }
}
