package io.ballast.it;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import java.time.Duration;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * An {@code httpd:2.4} container published on a fixed free port of 127.0.0.1 (chosen here, so that
 * stopping and starting the container keeps the address Ballast's config names; Ballast runs on the
 * host). Stop and start use the Docker API on the same container; close removes it.
 */
final class HttpdContainerServer implements WebServer {
    static final DockerImageName IMAGE = DockerImageName.parse("httpd:2.4");

    private final String name;
    private final int port;
    private final GenericContainer<?> container;
    private boolean created;
    private boolean running;

    HttpdContainerServer(String name) {
        this.name = name;
        this.port = Net.freePort();
        this.container = new GenericContainer<>(IMAGE)
                .withExposedPorts(80)
                .withCopyToContainer(Transferable.of(ApacheServer.indexPage(name)), "/usr/local/apache2/htdocs/index.html")
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig()
                        .withPortBindings(new PortBinding(Ports.Binding.bindIpAndPort(Net.LOOPBACK, port), ExposedPort.tcp(80))))
                .waitingFor(Wait.forHttp("/").forStatusCode(200).withStartupTimeout(Duration.ofSeconds(60)));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public synchronized void start() {
        if (!created) {
            container.start();
            created = true;
        } else if (!running) {
            docker().startContainerCmd(container.getContainerId()).exec();
        }
        running = true;
        Net.awaitOpen(port, Duration.ofSeconds(30), () -> "httpd:2.4 container " + name);
        Net.await(() -> {
            try {
                return RawHttp.getClose(port, "/").status() == 200;
            } catch (RuntimeException e) {
                return false;
            }
        }, Duration.ofSeconds(30), () -> "httpd:2.4 container " + name + " to serve /");
    }

    @Override
    public synchronized void stop() {
        if (created && running) {
            docker().stopContainerCmd(container.getContainerId()).withTimeout(5).exec();
            running = false;
            Net.awaitClosed(port, Duration.ofSeconds(15));
        }
    }

    private static DockerClient docker() {
        return DockerClientFactory.instance().client();
    }

    @Override
    public synchronized void close() {
        running = false;
        container.stop();
    }

    @Override
    public String toString() {
        return "httpd:2.4 " + name + " on " + Net.LOOPBACK + ":" + port;
    }
}
