package io.portalgo.it.app;

import java.net.Socket;
import java.nio.file.Path;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.implementation.FixedValue;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * An application with its own ByteBuddy on the class path, not the agent's: it generates and
 * loads a class, says which ByteBuddy jar it used, and makes one TCP connect. Prints
 * {@code RESULT kind=bytebuddy jar=<file name> generated=<toString of the new class>} and
 * {@code RESULT kind=tcp port=<getLocalPort()>}.
 */
public final class ForeignByteBuddyApp {
    private ForeignByteBuddyApp() {
    }

    public static void main(String[] args) throws Exception {
        // An explicit class file version: this older ByteBuddy does not know Java 25's.
        Class<?> generated = new ByteBuddy(ClassFileVersion.JAVA_V17).subclass(Object.class)
                .name("io.portalgo.it.app.GeneratedByTheApplication")
                .method(ElementMatchers.named("toString")).intercept(FixedValue.value("made_by_the_application"))
                .make().load(ForeignByteBuddyApp.class.getClassLoader(), ClassLoadingStrategy.Default.WRAPPER)
                .getLoaded();
        Path jar = Path.of(ByteBuddy.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        System.out.println("RESULT kind=bytebuddy jar=" + jar.getFileName() + " generated="
                + generated.getDeclaredConstructor().newInstance());
        try (FixedPortEchoServer echo = FixedPortEchoServer.start()) {
            Socket socket = Clients.connectAndEcho(echo.tcp());
            System.out.println("RESULT kind=tcp port=" + socket.getLocalPort());
            Clients.closeAbortively(socket);
        }
    }
}
