package io.portalgo.it.clients;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The JDK's {@code HttpClient}, unchanged: {@code count} GET requests to {@code url}, each from a
 * new client (so each opens its own connection). Prints {@code RESULT status=200 body=..} per
 * request.
 */
public final class HttpClientApp {
    private HttpClientApp() {
    }

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        int count = Integer.parseInt(args[1]);
        for (int i = 0; i < count; i++) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
            System.out.println("RESULT status=" + response.statusCode() + " body=" + response.body().trim());
        }
    }
}
