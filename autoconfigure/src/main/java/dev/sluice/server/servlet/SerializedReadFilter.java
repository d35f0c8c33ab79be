package dev.sluice.server.servlet;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A Servlet filter that gives the reactive adapter a request body stream whose reads run one at a
 * time ({@link SerializedReadInputStream}).
 */
public final class SerializedReadFilter implements Filter {

	/** Name under which the filter is registered. */
	public static final String NAME = "sluiceSerializedRead";

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (request instanceof HttpServletRequest httpRequest) {
			chain.doFilter(new SerializedReadRequest(httpRequest), response);
		}
		else {
			chain.doFilter(request, response);
		}
	}

	/**
	 * A request whose body stream is a {@link SerializedReadInputStream}, created once.
	 */
	private static final class SerializedReadRequest extends HttpServletRequestWrapper {

		private SerializedReadInputStream inputStream;

		SerializedReadRequest(HttpServletRequest request) {
			super(request);
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.inputStream == null) {
				this.inputStream = new SerializedReadInputStream(super.getInputStream());
			}
			return this.inputStream;
		}

	}

}
