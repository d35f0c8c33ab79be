package dev.sluice.proxy;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import io.netty.handler.ssl.SslHandshakeTimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Says in a few words why TLS with an upstream failed, from the JDK's exception: an untrusted,
 * expired or not yet valid certificate, one for another host name, a client certificate the
 * upstream refused, or a timeout. The words are for the client, so they carry none of the JDK's
 * text, which goes to the log with the exception.
 */
final class TlsFailures {

	private static final String FATAL_ALERT = "Received fatal alert: ";

	private static final String HANDSHAKE_FAILED = "TLS handshake with the upstream failed";

	private TlsFailures() {
	}

	/**
	 * Returns the TLS exception in an error's cause chain.
	 * @param error the error
	 * @return the exception, or {@code null} when the error is not about TLS
	 */
	static @Nullable SSLException find(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof SSLException ssl) {
				return ssl;
			}
		}
		return null;
	}

	static boolean isTimeout(SSLException error) {
		return error instanceof SslHandshakeTimeoutException;
	}

	/**
	 * Says what failed and why, for the client. A failure the JDK does not report as a handshake's
	 * and that none of the known causes explains is said to be of the connection.
	 * @param error the TLS exception
	 * @return the message
	 */
	static String describe(SSLException error) {
		String reason = reason(error);
		if (reason != null) {
			return HANDSHAKE_FAILED + ": " + reason;
		}
		return (error instanceof SSLHandshakeException) ? HANDSHAKE_FAILED : "TLS connection to the upstream failed";
	}

	private static @Nullable String reason(SSLException error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof CertificateExpiredException) {
				return "the upstream's certificate has expired";
			}
			if (cause instanceof CertificateNotYetValidException) {
				return "the upstream's certificate is not yet valid";
			}
			if (cause instanceof CertPathBuilderException) {
				return "the upstream's certificate is not trusted";
			}
			String message = cause.getMessage();
			if (message != null && (message.startsWith("No subject alternative") || message.startsWith("No name matching"))) {
				return "the upstream's certificate is for another host name";
			}
			if (message != null && message.startsWith(FATAL_ALERT)) {
				return "the upstream refused it with the alert " + message.substring(FATAL_ALERT.length())
						+ (message.contains("certificate") ? " (it wants a client certificate it trusts)" : "");
			}
		}
		return null;
	}

}
