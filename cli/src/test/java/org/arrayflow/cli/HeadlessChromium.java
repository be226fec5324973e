package org.arrayflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Drives headless Chromium over the DevTools protocol (a WebSocket from Java's HttpClient): opens a page,
 * collects console errors and uncaught exceptions, and evaluates an expression once the page has loaded.
 * Test helper only.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final List<String> errors = new ArrayList<>();
    private int nextId = 1;

    /** The chromium binary on PATH, or null. */
    static String binary() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                if (Files.isExecutable(Path.of(dir, name))) {
                    return Path.of(dir, name).toString();
                }
            }
        }
        return null;
    }

    HeadlessChromium(String binary, Path profile) throws IOException, InterruptedException {
        this.profile = profile;
        Files.createDirectories(profile);
        process = new ProcessBuilder(binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--remote-allow-origins=*", "--remote-debugging-port=0", "--window-size=1400,1000",
                "--user-data-dir=" + profile, "about:blank")
                .redirectErrorStream(true).redirectOutput(profile.resolveSibling("chromium.log").toFile()).start();
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(portFile) || Files.readAllLines(portFile).isEmpty()) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                close();
                throw new IOException("chromium did not open its DevTools port; see "
                        + profile.resolveSibling("chromium.log"));
            }
            Thread.sleep(100);
        }
        String port = Files.readAllLines(portFile).get(0).trim();
        HttpClient http = HttpClient.newHttpClient();
        JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/json/list")).build(), HttpResponse.BodyHandlers.ofString()).body());
        String ws = null;
        for (JsonNode t : targets) {
            if ("page".equals(t.path("type").asText())) {
                ws = t.path("webSocketDebuggerUrl").asText();
                break;
            }
        }
        if (ws == null) {
            close();
            throw new IOException("no page target in " + targets);
        }
        socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30))
                .buildAsync(URI.create(ws), new Listener()).join();
    }

    /** Loads the page and waits for its load event; console errors so far are in {@link #errors()}. */
    void open(String url) throws IOException, InterruptedException {
        call("Runtime.enable", JSON.createObjectNode());
        call("Log.enable", JSON.createObjectNode());
        call("Page.enable", JSON.createObjectNode());
        ObjectNode p = JSON.createObjectNode().put("url", url);
        send("Page.navigate", p);
        await("Page.loadEventFired", -1);
    }

    /** Evaluates a JavaScript expression in the page and returns its value. */
    JsonNode evaluate(String expression) throws IOException, InterruptedException {
        ObjectNode p = JSON.createObjectNode().put("expression", expression).put("returnByValue", true);
        JsonNode r = call("Runtime.evaluate", p);
        if (r.path("result").has("exceptionDetails")) {
            throw new IOException("evaluation failed: " + r.path("result").path("exceptionDetails"));
        }
        return r.path("result").path("result").path("value");
    }

    List<String> errors() {
        return errors;
    }

    private JsonNode call(String method, ObjectNode params) throws IOException, InterruptedException {
        return await(null, send(method, params));
    }

    private int send(String method, ObjectNode params) {
        int id = nextId++;
        ObjectNode m = JSON.createObjectNode().put("id", id).put("method", method);
        m.set("params", params);
        socket.sendText(m.toString(), true).join();
        return id;
    }

    /** Reads messages until the event or reply wanted, noting every error on the way. */
    private JsonNode await(String event, int id) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            JsonNode m = messages.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (m == null) {
                throw new IOException("timed out waiting for " + (event != null ? event : "reply " + id));
            }
            String method = m.path("method").asText("");
            if (method.equals("Runtime.exceptionThrown")) {
                errors.add("exception: " + m.path("params").path("exceptionDetails"));
            } else if (method.equals("Runtime.consoleAPICalled")
                    && m.path("params").path("type").asText().matches("error|assert")) {
                errors.add("console." + m.path("params").path("type").asText() + ": " + m.path("params").path("args"));
            } else if (method.equals("Log.entryAdded")
                    && m.path("params").path("entry").path("level").asText().equals("error")) {
                errors.add("log: " + m.path("params").path("entry"));
            }
            if (m.has("error") && m.path("id").asInt() == id) {
                throw new IOException("DevTools error: " + m.path("error"));
            }
            if ((event != null && method.equals(event)) || (event == null && m.path("id").asInt(-1) == id)) {
                return m;
            }
        }
    }

    /**
     * Stops chromium and every process it started (zygote, renderers, GPU and network services), and waits
     * for them: until they are gone they may still write into the profile folder.
     */
    @Override
    public void close() {
        java.util.List<ProcessHandle> all = new java.util.ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        try {
            for (ProcessHandle h : all) {
                try {
                    h.onExit().get(10, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                    h.destroyForcibly();
                    h.onExit().get(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            // a process that survives a forced kill is left to the operating system
        }
        deleteQuietly(profile);
    }

    /** Removes the profile folder; what cannot be removed (a file still held open) is left in /tmp. */
    private static void deleteQuietly(Path dir) {
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort
                }
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            // best effort
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(JSON.readTree(partial.toString()));
                } catch (IOException e) {
                    errors.add("unreadable DevTools message: " + e.getMessage());
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }
}
