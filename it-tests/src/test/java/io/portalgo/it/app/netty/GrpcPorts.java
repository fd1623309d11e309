package io.portalgo.it.app.netty;

import io.grpc.CallOptions;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCallHandler;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A gRPC server and client on {@code grpc-netty-shaded} with default settings (on Linux its
 * relocated epoll transport), and a unary method that answers with the port the server saw the
 * call come from. Arguments: the number of calls, each on a new channel (a new connection):
 * {@code RESULT scenario=grpc port=<server's view of the client port> transport=<client transport>}.
 * The method is described by hand with a text marshaller, so no protoc is needed.
 */
public final class GrpcPorts {
    private static final MethodDescriptor.Marshaller<String> TEXT = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(String value) {
            return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String parse(InputStream stream) {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };
    private static final MethodDescriptor<String, String> PEER_PORT = MethodDescriptor.<String, String>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName("portalgo.Ports/PeerPort")
            .setRequestMarshaller(TEXT).setResponseMarshaller(TEXT).build();

    private GrpcPorts() {
    }

    public static void main(String[] args) throws Exception {
        int calls = Integer.parseInt(args[0]);
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .addService(ServerServiceDefinition.builder("portalgo.Ports").addMethod(PEER_PORT,
                        new PeerPortHandler()).build())
                .build().start();
        int port = ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
        System.out.println("LISTENER port=" + port);
        try {
            for (int i = 0; i < calls; i++) {
                ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
                try {
                    String seen = ClientCalls.blockingUnaryCall(channel, PEER_PORT, CallOptions.DEFAULT, "?");
                    System.out.println("RESULT scenario=grpc port=" + seen);
                } finally {
                    channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
                }
            }
        } finally {
            server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** Answers with the peer port from the call's transport attributes. */
    private static final class PeerPortHandler implements ServerCallHandler<String, String> {
        @Override
        public io.grpc.ServerCall.Listener<String> startCall(io.grpc.ServerCall<String, String> call, io.grpc.Metadata headers) {
            InetSocketAddress peer = (InetSocketAddress) call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
            call.request(1);
            return new io.grpc.ServerCall.Listener<>() {
                @Override
                public void onHalfClose() {
                    call.sendHeaders(new io.grpc.Metadata());
                    call.sendMessage(Integer.toString(peer.getPort()));
                    call.close(io.grpc.Status.OK, new io.grpc.Metadata());
                }
            };
        }
    }
}
