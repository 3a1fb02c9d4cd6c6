package io.ballast.proxy.cli;

import io.ballast.core.config.GlobalConfig;
import io.ballast.core.config.InetEndpoint;
import io.ballast.core.config.StatsSocketConfig;
import io.ballast.core.config.UnixEndpoint;
import io.ballast.core.log.EventLog;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.channel.unix.DomainSocketAddress;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * HAProxy's runtime API ({@code stats socket}) for a running configuration: listens on every configured UNIX or TCP
 * socket and answers HAProxy 2.6's commands ({@code show stat}, {@code set server}…) at the socket's level. This is
 * the package's only entry point; the protocol and the commands are internal to it.
 *
 * <p>A UNIX socket is bound under a temporary name, given its {@code mode}, {@code user} and {@code group}, then
 * renamed over the configured path, as HAProxy does: a stale socket file is replaced, and no client can connect
 * before the permissions are set. A socket that cannot be set up is reported with HAProxy's words and left out:
 * the proxy runs without it rather than not at all.
 */
public final class RuntimeApi implements AutoCloseable {

    /** Makes the listening channels of the engine's transport. */
    public interface Listeners {

        /** A UNIX socket listener. */
        ChannelFactory<? extends ServerChannel> unix();

        /** A TCP listener of {@code family}. */
        ChannelFactory<? extends ServerChannel> inet(InternetProtocolFamily family);
    }

    private final List<Channel> listeners = new ArrayList<>();
    private final Set<CliSession> sessions = ConcurrentHashMap.newKeySet();
    private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
    private final EventLog log;

    private RuntimeApi(EventLog log) {
        this.log = log;
    }

    /**
     * Listens on the {@code stats socket}s of {@code global}. Binding waits, so call it from a thread that may
     * block, not from an event loop.
     *
     * @param global    the {@code global} section: the sockets, {@code stats timeout} and {@code tune.bufsize}
     * @param target    what the commands read and change
     * @param loops     the event loops the sessions run on
     * @param listeners the transport's listening channels
     * @param log       where sockets that could not be set up are reported
     * @return the running API; close it to stop listening and end its sessions
     */
    public static RuntimeApi start(GlobalConfig global, RuntimeTarget target, EventLoopGroup loops,
                                   Listeners listeners, EventLog log) {
        RuntimeApi api = new RuntimeApi(log);
        CommandRegistry commands = new CommandRegistry(target,
                () -> api.sessions.stream().map(CliSession::describe).toList());
        for (int i = 0; i < global.statsSockets().size(); i++) {
            StatsSocketConfig socket = global.statsSockets().get(i);
            int number = i + 1;
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(loops)
                    .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                    .childHandler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            CliSession session = new CliSession(commands, socket.level(), global.statsTimeout(),
                                    global.bufsize(), number, socket.exposeFdListeners());
                            api.sessions.add(session);
                            api.channels.add(ch);
                            ch.closeFuture().addListener(f -> {
                                api.sessions.remove(session);
                                api.channels.remove(ch);
                            });
                            ch.pipeline().addLast(session);
                        }
                    });
            api.listen(socket, bootstrap, listeners);
        }
        return api;
    }

    private void listen(StatsSocketConfig socket, ServerBootstrap bootstrap, Listeners factories) {
        try {
            if (socket.endpoint() instanceof UnixEndpoint unix) {
                listeners.add(bindUnix(socket, unix.path(), bootstrap.channelFactory(factories.unix())));
            } else if (socket.endpoint() instanceof InetEndpoint inet) {
                InetAddress host = InetAddress.getByName(inet.host() != null ? inet.host()
                        : inet.family() == InetEndpoint.AddressFamily.IPV6 ? "::" : "0.0.0.0");
                bootstrap.channelFactory(factories.inet(host instanceof Inet6Address
                        ? InternetProtocolFamily.IPv6 : InternetProtocolFamily.IPv4))
                        .option(ChannelOption.SO_REUSEADDR, true);
                for (int port = inet.firstPort(); port <= inet.lastPort(); port++) {
                    InetSocketAddress address = new InetSocketAddress(host, port);
                    listeners.add(bind(bootstrap, address, "socket", host.getHostAddress() + ":" + port));
                }
            }
        } catch (IOException | RuntimeException e) {
            // HAProxy: Binding [haproxy.cfg:8] for frontend GLOBAL: cannot bind UNIX socket (...) [/run/...sock]
            log.log(EventLog.Level.WARNING, "Binding [" + socket.location() + "] for frontend GLOBAL: "
                    + e.getMessage() + "; starting without this runtime API socket.");
        }
    }

    /** Binds under a temporary name, sets permissions and owners, then renames over the path. */
    private Channel bindUnix(StatsSocketConfig socket, String path, ServerBootstrap bootstrap) throws IOException {
        Path target = Path.of(path);
        Path temp = Path.of(path + "." + ProcessHandle.current().pid() + ".tmp");
        Files.deleteIfExists(temp);
        Channel channel = bind(bootstrap, new DomainSocketAddress(temp.toString()), "UNIX socket", path);
        try {
            UserPrincipalLookupService principals = FileSystems.getDefault().getUserPrincipalLookupService();
            if (socket.user() != null || socket.group() != null) {
                try {
                    PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
                    if (socket.user() != null) {
                        view.setOwner(principals.lookupPrincipalByName(socket.user()));
                    }
                    if (socket.group() != null) {
                        view.setGroup(principals.lookupPrincipalByGroupName(socket.group()));
                    }
                } catch (IOException e) {
                    throw new IOException("cannot change UNIX socket ownership (" + e.getMessage() + ") [" + path
                            + "]", e);
                }
            }
            if (socket.mode() >= 0) {
                try {
                    Files.setPosixFilePermissions(temp, permissions(socket.mode()));
                } catch (IOException e) {
                    throw new IOException("cannot change UNIX socket permissions (" + e.getMessage() + ") [" + path
                            + "]", e);
                }
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE); // rename(2): replaces a stale socket
            } catch (IOException e) {
                throw new IOException("cannot switch final and temporary UNIX sockets (" + e.getMessage() + ") ["
                        + path + "]", e);
            }
            return channel;
        } catch (IOException e) {
            channel.close().awaitUninterruptibly();
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    private static Channel bind(ServerBootstrap bootstrap, SocketAddress address, String kind, String shown)
            throws IOException {
        ChannelFuture f = bootstrap.bind(address).awaitUninterruptibly();
        if (!f.isSuccess()) {
            String message = String.valueOf(f.cause().getMessage());
            // the system's words, without the call that failed ("bind(..) failed: Address already in use")
            String reason = message.lastIndexOf(": ") < 0 ? message : message.substring(message.lastIndexOf(": ") + 2);
            throw new IOException("cannot bind " + kind + " (" + reason + ") [" + shown + "]", f.cause());
        }
        return f.channel();
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ (0400) ... OTHERS_EXECUTE (0001)
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (0400 >> i)) != 0) {
                set.add(bits[i]);
            }
        }
        return set;
    }

    /** Stops listening and ends the open sessions. Call it from a thread that may block. */
    @Override
    public void close() {
        for (Channel listener : listeners) {
            listener.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        }
        for (Channel channel : channels) {
            channel.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        }
    }
}
