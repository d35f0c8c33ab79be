package dev.sluice.proxy;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@link UpstreamFailure} words a failed TLS handshake, from the exceptions the JDK and Netty
 * raise (the integration tests cause the real ones).
 */
class TlsFailuresTests {

	@Test
	void namesAnUntrustedCertificate() {
		assertThat(failure(handshake("PKIX path building failed", new CertPathBuilderException("no path"))))
			.isEqualTo("TLS handshake with the upstream failed: the upstream's certificate is not trusted");
	}

	@Test
	void namesAnExpiredOrNotYetValidCertificate() {
		assertThat(failure(handshake("PKIX path validation failed", new CertificateExpiredException("NotAfter"))))
			.isEqualTo("TLS handshake with the upstream failed: the upstream's certificate has expired");
		assertThat(failure(handshake("PKIX path validation failed", new CertificateNotYetValidException("NotBefore"))))
			.isEqualTo("TLS handshake with the upstream failed: the upstream's certificate is not yet valid");
	}

	@Test
	void namesACertificateForAnotherHost() {
		assertThat(failure(handshake("No subject alternative DNS name matching users.internal found.",
				new CertificateException("No subject alternative DNS name matching users.internal found."))))
			.isEqualTo("TLS handshake with the upstream failed: the upstream's certificate is for another host name");
	}

	@Test
	void namesTheAlertOfAnUpstreamThatEndsTheHandshake() {
		assertThat(failure(new DecoderException(new SSLException("Received fatal alert: certificate_required"))))
			.isEqualTo("TLS handshake with the upstream failed: the upstream refused it with the alert "
					+ "certificate_required (it wants a client certificate it trusts)");
		assertThat(failure(new SSLHandshakeException("Received fatal alert: protocol_version")))
			.isEqualTo("TLS handshake with the upstream failed: the upstream refused it with the alert protocol_version");
	}

	@Test
	void neverPassesTheJdksMessageOnToTheClient() {
		assertThat(failure(new SSLHandshakeException("No appropriate protocol")))
			.isEqualTo("TLS handshake with the upstream failed");
		assertThat(failure(new SSLException("Tag mismatch")))
			.isEqualTo("TLS connection to the upstream failed");
		assertThat(UpstreamFailure.of(new SSLHandshakeException("No appropriate protocol")).detail())
			.isEqualTo("javax.net.ssl.SSLHandshakeException: No appropriate protocol");
	}

	@Test
	void saysAFailureAfterTheHandshakeIsOfTheConnection() {
		assertThat(failure(new DecoderException(new SSLException("Tag mismatch"))))
			.isEqualTo("TLS connection to the upstream failed");
	}

	@Test
	void answersAHandshakeTimeoutWith504() {
		UpstreamFailure failure = UpstreamFailure.of(new SslHandshakeTimeoutException("handshake timed out after 500ms"));
		assertThat(failure.getStatus()).isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
		assertThat(failure.getMessage()).isEqualTo("TLS handshake with the upstream timed out");
		assertThat(failure.isTls()).isTrue();
		assertThat(failure.detached().isTls()).isTrue();
	}

	private static String failure(Throwable error) {
		UpstreamFailure failure = UpstreamFailure.of(error);
		assertThat(failure.getStatus()).isEqualTo(HttpStatus.BAD_GATEWAY);
		assertThat(failure.isTls()).isTrue();
		return failure.getMessage();
	}

	private static SSLHandshakeException handshake(String message, Throwable cause) {
		SSLHandshakeException exception = new SSLHandshakeException(message);
		exception.initCause(cause);
		return exception;
	}

}
