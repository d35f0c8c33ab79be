package dev.sluice.proxy;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;

import javax.net.ssl.SSLException;

import io.netty.handler.ssl.SslHandshakeTimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Says in a few words why a TLS handshake with an upstream failed, from the JDK's exception: an
 * untrusted, expired or not yet valid certificate, one for another host name, a client
 * certificate the upstream refused, or a timeout.
 */
final class TlsFailures {

	private static final String FATAL_ALERT = "Received fatal alert: ";

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
	 * Returns why the handshake failed, for the client and the log.
	 * @param error the TLS exception
	 * @return the reason
	 */
	static String reason(SSLException error) {
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
				return "the upstream's certificate is for another host name (" + message + ")";
			}
			if (message != null && message.startsWith(FATAL_ALERT)) {
				return "the upstream refused it with the alert " + message.substring(FATAL_ALERT.length())
						+ (message.contains("certificate") ? " (it wants a client certificate it trusts)" : "");
			}
		}
		String message = error.getMessage();
		return (message != null) ? message : error.getClass().getSimpleName();
	}

}
