package dev.sluice.server.servlet;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.util.ClassUtils;

/**
 * Brings a Servlet container's view of a response in line with Spring's before an error aborts
 * it.
 * <p>
 * Spring commits a response when it writes the first buffer; the container commits it when its
 * own output buffer (8 KiB on Tomcat) fills or is flushed. When the handler fails, Spring's
 * Servlet adapter asks the container: a committed response has the error dispatched to the
 * container, which closes the connection (Tomcat's {@code ErrorReportValve}); one that is not is
 * reset to a {@code 500} that keeps the headers already set. A body that broke off after its
 * first bytes then became a {@code 500} carrying the upstream's {@code Content-Length} and no body.
 */
public final class ServletResponses {

	private static final boolean SERVLET_PRESENT = ClassUtils.isPresent("jakarta.servlet.http.HttpServletResponse",
			ServletResponses.class.getClassLoader());

	private ServletResponses() {
	}

	/**
	 * Makes the container commit a response that Spring has committed, so that the error that
	 * follows aborts it. Does nothing on a server that is not a Servlet container.
	 * @param response a response that Spring has committed
	 */
	public static void commit(ServerHttpResponse response) {
		if (SERVLET_PRESENT) {
			Servlet.commit(response);
		}
	}

	/**
	 * Touches the Servlet API only where it is present.
	 */
	private static final class Servlet {

		static void commit(ServerHttpResponse response) {
			Object nativeResponse;
			try {
				nativeResponse = ServerHttpResponseDecorator.getNativeResponse(response);
			}
			catch (IllegalArgumentException ex) {
				return;
			}
			if (nativeResponse instanceof HttpServletResponse servlet && !servlet.isCommitted()) {
				try {
					servlet.flushBuffer();
				}
				catch (IOException ex) {
					// The client has gone: the connection is closed all the same.
				}
			}
		}

	}

}
