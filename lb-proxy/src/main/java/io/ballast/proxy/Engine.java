package io.ballast.proxy;

import io.ballast.core.server.Server;
import io.ballast.core.config.GlobalConfig;
import io.ballast.core.config.BallastConfig;
import io.ballast.core.config.BindConfig;
import io.ballast.core.config.FdEndpoint;
import io.ballast.core.config.InetEndpoint;
import io.ballast.core.config.UnixEndpoint;
import io.ballast.core.log.EventLog;
import io.ballast.core.server.Backend;
import io.ballast.health.CheckReport;
import io.ballast.health.HealthChecks;
import io.ballast.proxy.log.LogOutputs;
import io.ballast.proxy.stats.StatsSource;
import io.ballast.proxy.log.SyslogEventLog;
import io.ballast.health.ObservedOutcome;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelPromise;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.ServerChannel;
import io.netty.channel.ServerChannelRecvByteBufAllocator;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollMode;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Everything a running configuration needs: the event loops, the listeners, the runtime backends, the
 * per-loop server connection pools and the set of open client connections.
 */
final class Engine implements BackendLookup {

    private final Transport transport;
    private final Map<String, BackendRuntime> backends = new LinkedHashMap<>();
    private final List<FrontendRuntime> frontends = new ArrayList<>();
    private final List<Channel> listeners = new ArrayList<>();
    private final ChannelGroup clients = new DefaultChannelGroup("clients", GlobalEventExecutor.INSTANCE);
    private final FastThreadLocal<ServerConnectionPool> pools = new FastThreadLocal<>() {
        @Override
        protected ServerConnectionPool initialValue() {
            return new ServerConnectionPool();
        }
    };
    private final ChannelFactory<? extends Channel> inetConnector;
    private final ChannelFactory<? extends Channel> unixConnector;
    /** Server state changes and alerts: standard error, and the global syslog targets. */
    private final EventLog eventLog;
    private final LogOutputs logOutputs;
    private final GlobalConfig global;
    private volatile HealthChecks healthChecks;
    /** The runtime API ({@code stats socket}), once started. */
    private volatile io.ballast.proxy.cli.RuntimeApi runtimeApi;
    private final EngineStats stats;
    private volatile boolean stopping;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    Engine(BallastConfig config, RuleCompiler.CompiledRules rules, EventLog eventLog) throws UnknownHostException {
        this.global = config.global();
        this.logOutputs = LogOutputs.open(global.logTag(), eventLog);
        this.eventLog = SyslogEventLog.tee(eventLog, global.logs(), logOutputs);
        Proxies proxies = new Proxies(config, rules, logOutputs);
        backends.putAll(proxies.backends);
        frontends.addAll(proxies.frontends);
        this.transport = Transport.create(config.global().nbthread());
        this.inetConnector = transport.inetClient();
        this.unixConnector = transport.unixClient();
        ProcessInfo process = new ProcessInfo(transport.threads(), global.maxconn(), this::isStopping);
        // HAProxy creates its internal GLOBAL proxy (id 1) first when a stats socket is declared.
        this.stats = new EngineStats(proxies, process, this::checkReport,
                global.statsSockets().isEmpty() ? 1 : 2);
    }

    /** The live statistics of this configuration's frontends, backends and servers. */
    EngineStats stats() {
        return stats;
    }

    @Override
    public StatsSource statistics() {
        return stats;
    }

    @Override
    public ServerAdmin serverAdmin() {
        HealthChecks checks = healthChecks;
        return checks == null ? ServerAdmin.NONE : new HealthChecksServerAdmin(checks);
    }

    /** What {@code server}'s health checks show, or {@code null} when it has none (or checks have not started). */
    private CheckReport checkReport(Server server) {
        HealthChecks checks = healthChecks;
        return checks == null ? null : checks.checkReport(server);
    }

    Transport transport() {
        return transport;
    }

    List<FrontendRuntime> frontends() {
        return frontends;
    }

    List<Backend> backends() {
        return backends.values().stream().map(BackendRuntime::backend).toList();
    }

    /** Tells passive health checks ({@code observe layer4|layer7}) how an exchange with {@code server} went. */
    void observe(Server server, ObservedOutcome outcome) {
        HealthChecks checks = healthChecks;
        if (checks != null) {
            checks.reportOutcome(server, outcome);
        }
    }

    @Override
    public BackendRuntime backend(String name) {
        return backends.get(name);
    }

    boolean isStopping() {
        return stopping;
    }

    ServerConnectionPool pool(EventLoop loop) {
        assert loop.inEventLoop();
        return pools.get();
    }

    /** Opens a connection to a server on {@code loop}, the client's own loop. */
    ChannelFuture connect(EventLoop loop, SocketAddress address, ServerConnection handler, long connectTimeout) {
        boolean unix = address instanceof DomainSocketAddress;
        ChannelFactory<? extends Channel> factory = unix ? unixConnector : inetConnector;
        if (factory == null) {
            throw new IllegalStateException("UNIX socket servers need the epoll transport");
        }
        // Without a Bootstrap: the address is already resolved and the options are fixed, so a connection per
        // request (http-reuse safe, close mode) skips Bootstrap's cloning, option maps and resolver lookup.
        Channel channel = factory.newChannel(); // with TCP_NODELAY, Netty's default on Linux
        // A server's half-close is passed on to the client in a tunnel (see ClientSession#serverInputClosed).
        channel.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        if (connectTimeout > 0) {
            channel.config().setConnectTimeoutMillis((int) Math.min(connectTimeout, Integer.MAX_VALUE));
        }
        channel.pipeline().addLast(handler);
        ChannelPromise connected = channel.newPromise();
        loop.register(channel).addListener((ChannelFutureListener) registered -> {
            if (registered.isSuccess()) {
                channel.connect(address, connected);
            } else {
                channel.unsafe().closeForcibly();
                connected.setFailure(registered.cause());
            }
        });
        return connected;
    }

    /**
     * Binds every listener, or none (on failure the ones already bound are closed), then starts the
     * health checks.
     */
    void start() throws IOException {
        try {
            for (FrontendRuntime frontend : frontends) {
                for (BindConfig bind : frontend.config.binds()) {
                    bind(frontend, bind);
                }
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        healthChecks = HealthChecks.start(backends(), transport.group(), transport.inetClient(),
                transport.unixClient(), eventLog, global);
        runtimeApi = EngineRuntimeTarget.start(this, healthChecks, clients, global, eventLog);
    }

    private void bind(FrontendRuntime frontend, BindConfig bind) throws IOException {
        if (bind.endpoint() instanceof InetEndpoint inet) {
            InetAddress host = InetAddress.getByName(inet.host() != null ? inet.host()
                    : inet.family() == InetEndpoint.AddressFamily.IPV6 ? "::" : "0.0.0.0");
            InternetProtocolFamily family = host instanceof Inet6Address
                    ? InternetProtocolFamily.IPv6 : InternetProtocolFamily.IPv4;
            for (int port = inet.firstPort(); port <= inet.lastPort(); port++) {
                listen(frontend, bind, transport.inetServer(family), new InetSocketAddress(host, port), true);
            }
        } else if (bind.endpoint() instanceof UnixEndpoint unix) {
            Path path = Path.of(unix.path());
            Files.deleteIfExists(path);
            listen(frontend, bind, transport.unixServer(), new DomainSocketAddress(unix.path()), false);
        } else if (bind.endpoint() instanceof FdEndpoint fd) {
            listen(frontend, bind, transport.inheritedServer(fd.fd()), null, true);
        }
    }

    private void listen(FrontendRuntime frontend, BindConfig bind, ChannelFactory<? extends ServerChannel> factory,
                        SocketAddress address, boolean tcp) throws IOException {
        ServerBootstrap server = new ServerBootstrap()
                .group(transport.group())
                .channelFactory(factory)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .handler(new AcceptLimiter(frontend.connections))
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        clients.add(ch);
                        ch.pipeline().addLast(new ClientSession(frontend, Engine.this));
                    }
                });
        if (tcp) {
            // TCP_NODELAY is Netty's default for every socket channel on Linux; setting it again costs a syscall
            // per connection.
            server.option(ChannelOption.SO_REUSEADDR, true);
        }
        if (address == null) {
            // An inherited socket may be in blocking mode (systemd passes them so unless NonBlocking=true),
            // and Netty offers no way to change that: accept only when epoll says a connection is pending,
            // one per wake-up, so that accept() never blocks the event loop.
            server.option(EpollChannelOption.EPOLL_MODE, EpollMode.LEVEL_TRIGGERED)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new ServerChannelRecvByteBufAllocator().maxMessagesPerRead(1));
        }
        ChannelFuture f = address != null ? server.bind(address) : server.register();
        f.awaitUninterruptibly();
        if (!f.isSuccess()) {
            // HAProxy 2.6: Binding [haproxy.cfg:31] for frontend fe: cannot bind socket (Address already in use) for [0.0.0.0:80]
            throw new IOException("Binding [" + bind.location() + "] for frontend " + frontend.config.name()
                    + ": cannot bind socket (" + reason(f.cause()) + ") for [" + describe(address, bind) + "]", f.cause());
        }
        listeners.add(f.channel());
        frontend.connections.addListener(f.channel());
    }

    private static String describe(SocketAddress address, BindConfig bind) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getHostString() + ":" + inet.getPort();
        }
        return bind.endpoint().text();
    }

    /** The system's own words, without the call that failed ("bind(..) failed: Address already in use"). */
    private static String reason(Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        int colon = message.lastIndexOf(": ");
        return colon < 0 ? message : message.substring(colon + 2);
    }

    List<SocketAddress> boundAddresses() {
        return listeners.stream().map(Channel::localAddress).toList();
    }

    /** Closes the listeners, then each connection once its current exchange is over. */
    CompletableFuture<Void> softStop() {
        stopping = true;
        CompletableFuture<?>[] listenersClosed = listeners.stream().map(listener -> {
            CompletableFuture<Void> closed = new CompletableFuture<>();
            listener.close().addListener(f -> closed.complete(null));
            return closed;
        }).toArray(CompletableFuture[]::new);
        CompletableFuture<Void> drained = new CompletableFuture<>();
        // Idle connections close once no listener accepts any more, so that a client that sees its
        // connection closed cannot open a new one.
        CompletableFuture.allOf(listenersClosed).thenRun(() -> {
            for (Channel client : clients) {
                client.eventLoop().execute(() -> {
                    ClientSession session = client.pipeline().get(ClientSession.class);
                    if (session != null) {
                        session.closeIfIdle();
                    }
                });
            }
            clients.newCloseFuture().addListener(f -> drained.complete(null));
        });
        // close() waits for the event loops, so it must not run on one of them (nor on the group executor).
        return drained.thenRunAsync(this::close);
    }

    /** Closes everything at once. Safe to call more than once and from any thread but an event loop. */
    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stopping = true;
        if (runtimeApi != null) {
            runtimeApi.close();
        }
        if (healthChecks != null) {
            healthChecks.close();
        }
        listeners.forEach(Channel::close);
        clients.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        transport.group().shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        logOutputs.close();
    }
}
