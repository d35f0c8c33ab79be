package dev.sluice.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.netty.buffer.Unpooled;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.server.HttpServer;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.util.FileSystemUtils;

/**
 * TLS upstreams on random loopback ports, with certificates generated when they start: a test
 * certificate authority, servers whose certificates it issued (one valid for {@code 127.0.0.1},
 * one for another host name, one expired, one that requires a client certificate), another
 * authority that issued none of them, and a client certificate. The certificates are written as
 * PEM files, so that Spring Boot SSL bundles can be defined on them.
 * <p>
 * {@link #publish()} makes their coordinates system properties, for a {@link GatewayApp}'s
 * placeholders: {@code tls.<upstream>.uri} for the upstreams ({@code trusted}, {@code wrong-host},
 * {@code expired}, {@code mutual}, {@code silent}: accepts connections and never answers) and
 * {@code tls.<file>} for the PEM files ({@code ca}, {@code other-ca}, {@code client-cert},
 * {@code client-key}), as {@code file:} locations. Each upstream answers {@code /name} with its
 * name and {@code /bytes/N} with N bytes.
 */
public final class TlsUpstreams implements AutoCloseable {

	private final Path directory;

	private final List<DisposableServer> servers = new ArrayList<>();

	private final ServerSocket silent;

	private final List<Socket> silentConnections = new ArrayList<>();

	private final Map<String, String> properties = new LinkedHashMap<>();

	private TlsUpstreams() throws Exception {
		this.directory = Files.createTempDirectory("sluice-tls");
		Instant now = Instant.now();
		X509Bundle ca = new CertificateBuilder().subject("CN=Sluice test CA")
			.setIsCertificateAuthority(true)
			.ecp256()
			.buildSelfSigned();
		X509Bundle otherCa = new CertificateBuilder().subject("CN=Another test CA")
			.setIsCertificateAuthority(true)
			.ecp256()
			.buildSelfSigned();
		X509Bundle trusted = server("CN=localhost").addSanIpAddress("127.0.0.1").addSanDnsName("localhost").buildIssuedBy(ca);
		X509Bundle wrongHost = server("CN=upstream.example").addSanDnsName("upstream.example").buildIssuedBy(ca);
		X509Bundle expired = server("CN=localhost").addSanIpAddress("127.0.0.1")
			.notBefore(now.minus(30, ChronoUnit.DAYS))
			.notAfter(now.minus(1, ChronoUnit.DAYS))
			.buildIssuedBy(ca);
		X509Bundle client = new CertificateBuilder().subject("CN=sluice-gateway")
			.addExtendedKeyUsageClientAuth()
			.ecp256()
			.buildIssuedBy(ca);
		file("ca", ca.getCertificatePEM());
		file("other-ca", otherCa.getCertificatePEM());
		file("client-cert", client.getCertificatePEM());
		file("client-key", client.getPrivateKeyPEM());
		upstream("trusted", trusted, (ssl) -> {
		});
		upstream("wrong-host", wrongHost, (ssl) -> {
		});
		upstream("expired", expired, (ssl) -> {
		});
		upstream("mutual", trusted, (ssl) -> ssl.trustManager(ca.getCertificate()).clientAuth(ClientAuth.REQUIRE));
		this.silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::holdSilentConnections, "tls-upstreams-silent");
		acceptor.setDaemon(true);
		acceptor.start();
		this.properties.put("tls.silent.uri", "https://127.0.0.1:" + this.silent.getLocalPort());
	}

	/**
	 * Generates the certificates and starts the upstreams.
	 * @return the running upstreams
	 */
	public static TlsUpstreams start() {
		try {
			return new TlsUpstreams();
		}
		catch (Exception ex) {
			throw new IllegalStateException("TLS upstreams could not start", ex);
		}
	}

	private static CertificateBuilder server(String subject) {
		return new CertificateBuilder().subject(subject).addExtendedKeyUsageServerAuth().ecp256();
	}

	private void file(String name, String pem) throws IOException {
		Path file = this.directory.resolve(name + ".pem");
		Files.writeString(file, pem);
		this.properties.put("tls." + name, "file:" + file);
	}

	private void upstream(String name, X509Bundle certificate, Consumer<SslContextBuilder> configurer) {
		Http11SslContextSpec spec = Http11SslContextSpec
			.forServer(certificate.getKeyPair().getPrivate(), certificate.getCertificatePath())
			.configure(configurer);
		DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.secure((ssl) -> ssl.sslContext(spec))
			.route((routes) -> routes.get("/name", (request, response) -> response.sendString(Mono.just(name)))
				// A WebSocket echo that first tells the forwarded headers of its handshake.
				.ws("/ws", (in, out) -> out.sendString(Mono.just("X-Forwarded-For=" + in.headers().get("X-Forwarded-For")
						+ " X-Forwarded-Prefix=" + in.headers().get("X-Forwarded-Prefix"))
					.concatWith(in.receive().asString())))
				.get("/bytes/{size}", (request, response) -> response.send(bytes(Integer.parseInt(request.param("size"))))))
			.bindNow();
		this.servers.add(server);
		this.properties.put("tls." + name + ".uri", "https://127.0.0.1:" + server.port());
		// The same address as an instance that does not say it is secure, for lb:wss:// routes.
		this.properties.put("tls." + name + ".plain-uri", "http://127.0.0.1:" + server.port());
	}

	private static Flux<io.netty.buffer.ByteBuf> bytes(int size) {
		byte[] chunk = "0123456789abcdef".repeat(1024).getBytes(StandardCharsets.US_ASCII);
		int chunks = (size + chunk.length - 1) / chunk.length;
		return Flux.range(0, chunks).map((i) -> Unpooled.wrappedBuffer(chunk, 0,
				Math.min(chunk.length, size - i * chunk.length)));
	}

	private void holdSilentConnections() {
		try {
			while (!this.silent.isClosed()) {
				Socket socket = this.silent.accept();
				synchronized (this.silentConnections) {
					this.silentConnections.add(socket);
				}
			}
		}
		catch (IOException ex) {
			// Closed.
		}
	}

	/**
	 * Returns the upstreams' URIs and the PEM files' locations, by property name.
	 * @return the properties
	 */
	public Map<String, String> properties() {
		return this.properties;
	}

	/**
	 * Sets {@link #properties()} as system properties, until {@link #close()}.
	 * @return these upstreams
	 */
	public TlsUpstreams publish() {
		this.properties.forEach(System::setProperty);
		return this;
	}

	@Override
	public void close() {
		this.properties.keySet().forEach(System::clearProperty);
		this.servers.forEach(DisposableServer::disposeNow);
		try {
			this.silent.close();
			synchronized (this.silentConnections) {
				for (Socket socket : this.silentConnections) {
					socket.close();
				}
			}
			FileSystemUtils.deleteRecursively(this.directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Starts the upstreams before a test class's tests and stops them after, publishing their
	 * properties in between: {@code @ExtendWith(TlsUpstreams.Running.class)}.
	 */
	public static final class Running implements BeforeAllCallback, AfterAllCallback {

		private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Running.class);

		@Override
		public void beforeAll(ExtensionContext context) {
			context.getStore(NAMESPACE).put(TlsUpstreams.class, start().publish());
		}

		@Override
		public void afterAll(ExtensionContext context) {
			TlsUpstreams upstreams = context.getStore(NAMESPACE).remove(TlsUpstreams.class, TlsUpstreams.class);
			if (upstreams != null) {
				upstreams.close();
			}
		}

	}

}
