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
import io.ballast.proxy.log.SyslogEventLog;
import io.ballast.health.ObservedOutcome;
import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
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
 * Everything a running load balancer needs: the event loops, the listeners, the configuration being served (a
 * {@link Generation}, which {@link #reload} replaces), the per-loop server connection pools and the set of open
 * client connections.
 */
final class Engine {

    private final Transport transport;
    /** The configuration served now. */
    private volatile Generation current;
    /** The listening sockets by {@link Listener#key}, in configuration order; changed under {@code this}' lock. */
    private final Map<Object, Listener> listeners = new LinkedHashMap<>();
    private final ChannelGroup clients = new DefaultChannelGroup("clients", GlobalEventExecutor.INSTANCE);
    private final FastThreadLocal<ServerConnectionPool> pools = new FastThreadLocal<>() {
        @Override
        protected ServerConnectionPool initialValue() {
            return new ServerConnectionPool();
        }
    };
    private final FastThreadLocal<Http2ServerConnections> http2Connections = new FastThreadLocal<>() {
        @Override
        protected Http2ServerConnections initialValue() {
            return new Http2ServerConnections();
        }
    };
    private final ChannelFactory<? extends Channel> inetConnector;
    private final ChannelFactory<? extends Channel> inet4Connector;
    private final ChannelFactory<? extends Channel> unixConnector;
    /** Server state changes and alerts: standard error, and the global syslog targets. */
    private final EventLog eventLog;
    private final LogOutputs logOutputs;
    /** The {@code global} section at start-up: a reload does not change the process-wide settings. */
    private final GlobalConfig global;
    private final ProcessInfo process;
    /** The runtime API ({@code stats socket}), once started. */
    private volatile io.ballast.proxy.cli.RuntimeApi runtimeApi;
    private volatile boolean stopping;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    /** @param transports the transport for a number of event loops: {@link Transport#create}, or an embedded one */
    Engine(BallastConfig config, RuleCompiler.CompiledRules rules, EventLog eventLog,
           java.util.function.IntFunction<Transport> transports) throws UnknownHostException {
        this.global = config.global();
        this.logOutputs = LogOutputs.open(global.logTag(), eventLog);
        this.eventLog = SyslogEventLog.tee(eventLog, global.logs(), logOutputs);
        Proxies proxies;
        try {
            proxies = new Proxies(config, rules, logOutputs); // resolves server names: may fail, so before the loops
        } catch (UnknownHostException | RuntimeException e) {
            logOutputs.close();
            throw e;
        }
        this.transport = transports.apply(config.global().nbthread());
        this.inetConnector = transport.inetClient();
        this.inet4Connector = transport.inetClient(InternetProtocolFamily.IPv4);
        this.unixConnector = transport.unixClient();
        this.process = new ProcessInfo(transport.threads(), global.maxconn(), this::isStopping);
        this.current = generation(config, proxies);
    }

    private Generation generation(BallastConfig config, Proxies proxies) {
        // HAProxy creates its internal GLOBAL proxy (id 1) first when a stats socket is declared.
        return new Generation(config, proxies, process, global.statsSockets().isEmpty() ? 1 : 2);
    }

    /** What a reload from the runtime API does: read the configuration again and reload it. */
    interface Reloader {
        ReloadReport reload() throws Exception;
    }

    private volatile Reloader reloader;
    private final java.util.concurrent.atomic.AtomicInteger reloads = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger failedReloads = new java.util.concurrent.atomic.AtomicInteger();

    /** Counts a reload refused before it reached the engine (an error in the configuration). */
    void reloadFailed() {
        failedReloads.incrementAndGet();
    }

    /** The reloads done and failed since start. */
    io.ballast.proxy.cli.RuntimeTarget.Reloads reloads() {
        return new io.ballast.proxy.cli.RuntimeTarget.Reloads(reloads.get(), failedReloads.get());
    }
    /** Sockets taken over from the process this one replaces; {@link #start} listens on them rather than binding. */
    private InheritedListeners inherited = InheritedListeners.none();

    /** Listens on {@code sockets} where the configuration binds their addresses; call before {@link #start}. */
    void inherit(InheritedListeners sockets) {
        inherited = sockets;
    }

    /** Lets the runtime API's {@code reload} run {@code how}. */
    void reloader(Reloader how) {
        reloader = how;
    }

    /** How the runtime API reloads, or {@code null} when the configuration has no source to be read again from. */
    Reloader reloader() {
        return reloader;
    }

    /** The configuration served now. */
    Generation current() {
        return current;
    }

    /** The live statistics of the current configuration's frontends, backends and servers. */
    EngineStats stats() {
        return current.stats;
    }

    /** The current configuration's health checks, or {@code null} before they start. */
    HealthChecks healthChecks() {
        return current.checks();
    }

    Transport transport() {
        return transport;
    }

    List<FrontendRuntime> frontends() {
        return current.proxies.frontends;
    }

    List<Backend> backends() {
        return current.proxies.backends.values().stream().map(BackendRuntime::backend).toList();
    }

    /** Tells passive health checks ({@code observe layer4|layer7}) how an exchange with {@code server} went. */
    void observe(Server server, ObservedOutcome outcome) {
        HealthChecks checks = current.checks();
        if (checks != null) {
            checks.reportOutcome(server, outcome);
        }
    }

    /** The current configuration's backend called {@code name}, or {@code null}. */
    BackendRuntime backend(String name) {
        return current.backend(name);
    }

    boolean isStopping() {
        return stopping;
    }

    ServerConnectionPool pool(EventLoop loop) {
        assert loop.inEventLoop();
        return pools.get();
    }

    /** Closes the idle pooled connections to {@code server} on every event loop (it moved, or was removed). */
    void closeIdleConnections(Server server) {
        for (io.netty.util.concurrent.EventExecutor loop : transport.group()) {
            loop.execute(() -> {
                pools.get().closeIdle(server);
                http2Connections.get().closeIdle(server);
            });
        }
    }

    /**
     * Opens an HTTP/2 stream to a server ({@code proto h2}) on {@code loop}, the client's own loop, for
     * {@code handler}: on a connection of that loop with room for it, else on a new one.
     */
    io.netty.util.concurrent.Future<?> openStream(EventLoop loop, SocketAddress address, ServerConnection handler,
                                                  long connectTimeout) {
        String scheme = handler.tls() == null ? "http" : "https";
        return http2Connections.get().openStream(loop, handler.server(), handler.tlsName(),
                handlers -> connect(loop, address, handler.tls(), handler.tlsName(), null, connectTimeout, handlers),
                new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(io.netty.handler.codec.http2.Http2StreamChannel stream) {
                        stream.pipeline().addLast(new Http2ServerStreamBridge(scheme), handler);
                    }
                });
    }

    /** Opens a connection to a server on {@code loop}, the client's own loop. */
    ChannelFuture connect(EventLoop loop, SocketAddress address, ServerConnection handler, long connectTimeout) {
        return connect(loop, address, handler.tls(), handler.tlsName(), handler.proxyHeader(), connectTimeout, handler);
    }

    /**
     * Opens a connection to a server on {@code loop} with {@code handlers} in its pipeline (after the PROXY protocol
     * header and TLS, for those not {@code null}); the future completes once it is usable: connected, header sent,
     * and through its handshake.
     */
    private ChannelFuture connect(EventLoop loop, SocketAddress address, io.ballast.proxy.tls.ServerTls serverTls,
                                  String tlsName, ProxyHeader proxyHeader, long connectTimeout,
                                  ChannelHandler... handlers) {
        ChannelFactory<? extends Channel> factory = address instanceof DomainSocketAddress ? unixConnector
                : address instanceof InetSocketAddress inet && inet.getAddress() instanceof java.net.Inet4Address
                ? inet4Connector : inetConnector;
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
        ChannelPromise connected = channel.newPromise();
        ChannelFuture usable = connected;
        if (proxyHeader != null) { // send-proxy: the header goes first, before any TLS handshake
            ProxyHeaderWriter header = new ProxyHeaderWriter(proxyHeader, connected);
            channel.pipeline().addLast(header);
            usable = header.afterHeader();
        }
        io.netty.handler.ssl.SslHandler tls = serverTls == null ? null
                : serverTls.newHandler(channel.alloc(), tlsName, address, connectTimeout);
        if (tls != null) {
            channel.pipeline().addLast(tls);
        }
        channel.pipeline().addLast(handlers);
        Transport.readFromRegistration(channel);
        loop.register(channel).addListener((ChannelFutureListener) registered -> {
            if (registered.isSuccess()) {
                channel.connect(address, connected);
            } else {
                channel.unsafe().closeForcibly();
                connected.setFailure(registered.cause());
            }
        });
        // A TLS connection is usable, and the connect timer stops, once its handshake is done.
        return tls == null ? usable : io.ballast.proxy.tls.ServerTls.afterHandshake(usable, tls);
    }

    /**
     * Binds every listener, or none (on failure the ones already bound are closed), then starts the
     * health checks.
     */
    synchronized void start() throws IOException {
        Generation first = current;
        try {
            for (Listener listener : open(first, placements(first), Map.of())) {
                listeners.put(listener.key, listener);
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        inherited.close(); // the ones no bind line asked for
        listeners.values().forEach(Listener::startAccepting);
        first.startChecks(transport, eventLog, global);
        runtimeApi = EngineRuntimeTarget.start(this, clients, global, eventLog);
    }

    /**
     * Serves {@code config} from now on, in place: it binds the addresses that are new, hands the sockets of those
     * that stay to the new frontends, closes the others, carries the state and counters of backends, servers and
     * frontends over by name, and restarts the health checks. Connections accepted before finish their exchange
     * under the previous configuration, then close (an idle one after its next request).
     *
     * @return what changed
     * @throws IOException when a new address cannot be bound (or a server's address cannot be resolved); nothing has
     *                     changed then
     */
    synchronized ReloadReport reload(BallastConfig config, RuleCompiler.CompiledRules rules) throws IOException {
        if (stopping) {
            throw new IllegalStateException("stopping");
        }
        Generation previous = current;
        Generation next;
        List<Placement> placements;
        List<Listener> opened;
        try {
            next = generation(config, new Proxies(config, rules, logOutputs, previous.proxies));
            placements = placements(next); // resolved once: nothing may fail once the swap has begun
            opened = open(next, placements, listeners);
        } catch (IOException | RuntimeException e) {
            failedReloads.incrementAndGet();
            throw e;
        }
        reloads.incrementAndGet();
        // Nothing has changed so far; from here on the new configuration takes over.
        next.proxies.backends.values().forEach(b -> b.backend().takeOver());
        previous.stopChecks();
        current = next;
        Map<Object, Listener> kept = new LinkedHashMap<>();
        for (Placement p : placements) {
            Listener existing = listeners.get(p.address().key());
            if (existing != null && !kept.containsKey(p.address().key())) {
                existing.handOver(new Listener.Binding(p.frontend(), next, p.bind()));
                kept.put(p.address().key(), existing);
            }
        }
        for (Listener listener : listeners.values()) {
            if (!kept.containsKey(listener.key)) {
                listener.close();
            }
        }
        listeners.clear();
        listeners.putAll(kept);
        for (Listener listener : opened) {
            listener.startAccepting();
            listeners.put(listener.key, listener);
        }
        previous.retire();
        next.startChecks(transport, eventLog, global);
        ReloadReport report = ReloadReport.between(previous.config, config);
        report.lines().forEach(line -> eventLog.log(EventLog.Level.NOTICE, line));
        return report;
    }

    /** Where a {@code bind} line listens: one entry per port of a range. */
    private record ListenAddress(Object key, ChannelFactory<? extends ServerChannel> factory, SocketAddress address,
                                 boolean tcp) {
    }

    private List<ListenAddress> addresses(BindConfig bind) throws UnknownHostException {
        List<ListenAddress> out = new ArrayList<>();
        if (bind.endpoint() instanceof InetEndpoint inet) {
            InetAddress host = InetAddress.getByName(inet.host() != null ? inet.host()
                    : inet.family() == InetEndpoint.AddressFamily.IPV6 ? "::" : "0.0.0.0");
            InternetProtocolFamily family = host instanceof Inet6Address
                    ? InternetProtocolFamily.IPv6 : InternetProtocolFamily.IPv4;
            for (int port = inet.firstPort(); port <= inet.lastPort(); port++) {
                InetSocketAddress address = new InetSocketAddress(host, port);
                // Port 0 asks for a new ephemeral port each time: never the same socket.
                Object key = port == 0 ? bind : address;
                out.add(new ListenAddress(key, transport.inetServer(family), address, true));
            }
        } else if (bind.endpoint() instanceof UnixEndpoint unix) {
            out.add(new ListenAddress("unix@" + unix.path(), transport.unixServer(),
                    new DomainSocketAddress(unix.path()), false));
        } else if (bind.endpoint() instanceof FdEndpoint fd) {
            out.add(new ListenAddress("fd@" + fd.fd(), transport.inheritedServer(fd.fd()), null, true));
        }
        return out;
    }

    /** One address a frontend's {@code bind} line listens on. */
    private record Placement(FrontendRuntime frontend, BindConfig bind, ListenAddress address) {
    }

    /** Every address the frontends of {@code generation} listen on, resolved, in configuration order. */
    private List<Placement> placements(Generation generation) throws UnknownHostException {
        List<Placement> out = new ArrayList<>();
        for (FrontendRuntime frontend : generation.proxies.frontends) {
            for (BindConfig bind : frontend.config.binds()) {
                for (ListenAddress address : addresses(bind)) {
                    out.add(new Placement(frontend, bind, address));
                }
            }
        }
        return out;
    }

    /**
     * Binds the {@code placements} of {@code generation} that {@code existing} does not hold, not accepting yet
     * (see {@link Listener#startAccepting}); on failure closes the ones it bound and throws.
     */
    private List<Listener> open(Generation generation, List<Placement> placements, Map<Object, Listener> existing)
            throws IOException {
        List<Listener> opened = new ArrayList<>();
        try {
            for (Placement p : placements) {
                if (!existing.containsKey(p.address().key())) {
                    Listener listener = new Listener(p.address().key(),
                            new Listener.Binding(p.frontend(), generation, p.bind()));
                    listener.bound(listen(listener, p.address()));
                    opened.add(listener);
                }
            }
        } catch (IOException | RuntimeException e) {
            opened.forEach(Listener::close);
            throw e;
        }
        return opened;
    }

    private Channel listen(Listener listener, ListenAddress where) throws IOException {
        if (where.address() instanceof DomainSocketAddress unix) {
            Files.deleteIfExists(Path.of(unix.path()));
        }
        Integer takenOver = where.address() instanceof InetSocketAddress ? inherited.take(where.address()) : null;
        Channel server = (takenOver != null ? transport.inheritedServer(takenOver) : where.factory()).newChannel();
        ChannelConfig config = server.config();
        config.setOption(ChannelOption.SO_BACKLOG, 1024);
        config.setAutoRead(false); // accepts once the whole configuration is in place
        if (where.tcp()) {
            // TCP_NODELAY is Netty's default for every socket channel on Linux; setting it again costs a syscall
            // per connection.
            config.setOption(ChannelOption.SO_REUSEADDR, true);
            if (transport.name().equals("epoll") && takenOver == null && where.address() != null) {
                // As HAProxy on Linux: a new process (-sf) can bind the same address while the old one listens.
                config.setOption(EpollChannelOption.SO_REUSEPORT, true);
            }
        }
        if (where.address() == null) {
            // An inherited socket may be in blocking mode (systemd passes them so unless NonBlocking=true),
            // and Netty offers no way to change that: accept only when epoll says a connection is pending,
            // one per wake-up, so that accept() never blocks the event loop.
            config.setOption(EpollChannelOption.EPOLL_MODE, EpollMode.LEVEL_TRIGGERED);
            config.setRecvByteBufAllocator(new ServerChannelRecvByteBufAllocator().maxMessagesPerRead(1));
        }
        server.pipeline().addLast(new ClientAcceptor(listener, transport.group(), this::serve));
        ChannelFuture f = transport.group().register(server).awaitUninterruptibly();
        if (f.isSuccess() && where.address() != null && takenOver == null) {
            f = server.bind(where.address()).awaitUninterruptibly();
        }
        if (!f.isSuccess()) {
            server.close();
            BindConfig bind = listener.binding().bind();
            // HAProxy 2.6: Binding [haproxy.cfg:31] for frontend fe: cannot bind socket (Address already in use) for [0.0.0.0:80]
            throw new IOException("Binding [" + bind.location() + "] for frontend "
                    + listener.binding().frontend().config.name() + ": cannot bind socket (" + reason(f.cause())
                    + ") for [" + describe(where.address(), bind) + "]", f.cause());
        }
        return server;
    }

    /** Builds the pipeline of a client connection accepted under {@code binding}, before it is registered. */
    private void serve(Channel client, Listener.Binding binding) {
        clients.add(client);
        if (binding.bind().acceptProxy()) { // the session starts once the header said whose it is
            client.pipeline().addLast(new ProxyHeaderDecoder(binding.frontend(), binding.bind(),
                    ch -> startSession(ch, binding)));
        } else {
            startSession(client, binding);
        }
    }

    /** Serves a new client connection: TLS first when the listener terminates it, then the session. */
    private void startSession(Channel ch, Listener.Binding binding) {
        io.ballast.proxy.tls.FrontendTls tls = binding.generation().proxies.tls.frontend(binding.bind());
        if (tls != null) {
            tls.install(ch);
        }
        ch.pipeline().addLast(new ClientSession(binding.frontend(), binding.generation(), this));
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

    /** The descriptors of the listening TCP sockets, for a new process to take over ({@code _getsocks}). */
    synchronized List<Integer> listenerDescriptors() {
        List<Integer> fds = new ArrayList<>();
        for (Listener listener : listeners.values()) {
            if (listener.channel() instanceof io.netty.channel.epoll.EpollServerSocketChannel tcp && tcp.isOpen()) {
                fds.add(tcp.fd().intValue());
            }
        }
        return fds;
    }

    /** The listening channels. */
    synchronized List<Channel> listenerChannels() {
        return listeners.values().stream().map(Listener::channel).toList();
    }

    synchronized List<SocketAddress> boundAddresses() {
        return listenerChannels().stream().map(Channel::localAddress).toList();
    }

    /** Closes the listeners, then each connection once its current exchange is over. */
    synchronized CompletableFuture<Void> softStop() {
        stopping = true;
        CompletableFuture<?>[] listenersClosed = listeners.values().stream().map(listener -> {
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
                    DrainableConnection connection = client.pipeline().get(DrainableConnection.class);
                    if (connection != null) {
                        connection.closeIfIdle();
                    } else if (client.pipeline().get(ProxyHeaderDecoder.class) != null) {
                        client.close(); // still waiting for its PROXY protocol header: idle
                    }
                });
            }
            clients.newCloseFuture().addListener(f -> drained.complete(null));
        });
        // close() waits for the event loops, so it must not run on one of them (nor on the group executor).
        return drained.thenRunAsync(this::close);
    }

    /** Closes everything at once. Safe to call more than once and from any thread but an event loop. */
    synchronized void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stopping = true;
        if (runtimeApi != null) {
            runtimeApi.close();
        }
        current.stopChecks();
        listeners.values().forEach(Listener::close);
        clients.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        transport.group().shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        logOutputs.close();
    }
}
