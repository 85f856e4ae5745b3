package io.kycvault.local;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Serves the built web front end (web/dist) on the API's origin, as CloudFront serves it from its
 * private bucket in AWS: {@code GET /} is the page, {@code GET /assets/*} the hashed bundles. Every
 * answer carries the security headers, the page a strict Content-Security-Policy: scripts, styles,
 * workers and fonts from this origin only, no inline code, no framing, and the one other origin the
 * page talks to, the documents bucket (presigned PUTs and view links).
 */
public final class LocalWebAssets {

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "mjs", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "json", "application/json",
            "woff2", "font/woff2",
            "wasm", "application/wasm");

    private final Path root;
    private final String contentSecurityPolicy;

    /** @param documentsOrigin scheme, host and port of the presigned S3 URLs */
    LocalWebAssets(Path root, String documentsOrigin) {
        this.root = root.toAbsolutePath().normalize();
        this.contentSecurityPolicy = contentSecurityPolicy(documentsOrigin);
    }

    /** The page's CSP; template.yaml's WebResponseHeadersPolicy sends the same (TemplateTest). */
    public static String contentSecurityPolicy(String documentsOrigin) {
        return String.join("; ",
                "default-src 'none'",
                "script-src 'self'",
                "style-src 'self'",
                "img-src 'self' blob: " + documentsOrigin,
                "connect-src 'self' " + documentsOrigin,
                "worker-src 'self'",
                "font-src 'self'",
                "manifest-src 'self'",
                "object-src 'none'",
                "base-uri 'none'",
                "form-action 'none'",
                "frame-ancestors 'none'");
    }

    static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    /** True when the request was for the front end and has been answered. */
    boolean serve(HttpExchange exchange, String path) throws IOException {
        String method = exchange.getRequestMethod();
        if (!("GET".equals(method) || "HEAD".equals(method)) || !("/".equals(path) || "/index.html".equals(path)
                || path.startsWith("/assets/"))) {
            return false;
        }
        Path file = root.resolve("/".equals(path) ? "index.html" : path.substring(1)).normalize();
        if (!file.startsWith(root) || path.contains("..") || path.contains("%") || !Files.isRegularFile(file)) {
            if (!Files.isDirectory(root)) {
                return false;
            }
            answer(exchange, 404, "text/plain; charset=utf-8", "not found\n".getBytes(), false, method);
            return true;
        }
        String name = file.getFileName().toString();
        String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        String type = TYPES.getOrDefault(extension, "application/octet-stream");
        answer(exchange, 200, type, Files.readAllBytes(file), path.startsWith("/assets/"), method);
        return true;
    }

    private void answer(HttpExchange exchange, int status, String type, byte[] body, boolean immutable, String method)
            throws IOException {
        var h = exchange.getResponseHeaders();
        h.set("content-type", type);
        h.set("x-content-type-options", "nosniff");
        h.set("referrer-policy", "no-referrer");
        h.set("x-frame-options", "DENY");
        h.set("cross-origin-opener-policy", "same-origin");
        h.set("cross-origin-resource-policy", "same-origin");
        h.set("permissions-policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
        h.set("cache-control", immutable ? "public, max-age=31536000, immutable" : "no-store");
        if (type.startsWith("text/html")) {
            h.set("content-security-policy", contentSecurityPolicy);
        }
        boolean head = "HEAD".equals(method);
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
