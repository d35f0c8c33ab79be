package dev.sluice.server.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

/**
 * An asynchronous context whose {@link #complete()} is handed to a {@link Completion}, which
 * completes the request at once or once the container has sent the whole response body.
 */
final class FlushedCompletionContext implements AsyncContext {

	private final AsyncContext delegate;

	private final Completion completion;

	FlushedCompletionContext(AsyncContext delegate, Completion completion) {
		this.delegate = delegate;
		this.completion = completion;
	}

	@Override
	public void complete() {
		this.completion.complete(this.delegate::complete);
	}

	@Override
	public ServletRequest getRequest() {
		return this.delegate.getRequest();
	}

	@Override
	public ServletResponse getResponse() {
		return this.delegate.getResponse();
	}

	@Override
	public boolean hasOriginalRequestAndResponse() {
		return this.delegate.hasOriginalRequestAndResponse();
	}

	@Override
	public void dispatch() {
		this.delegate.dispatch();
	}

	@Override
	public void dispatch(String path) {
		this.delegate.dispatch(path);
	}

	@Override
	public void dispatch(ServletContext context, String path) {
		this.delegate.dispatch(context, path);
	}

	@Override
	public void start(Runnable run) {
		this.delegate.start(run);
	}

	@Override
	public void addListener(AsyncListener listener) {
		this.delegate.addListener(listener);
	}

	@Override
	public void addListener(AsyncListener listener, ServletRequest request, ServletResponse response) {
		this.delegate.addListener(listener, request, response);
	}

	@Override
	public <T extends AsyncListener> T createListener(Class<T> type) throws ServletException {
		return this.delegate.createListener(type);
	}

	@Override
	public void setTimeout(long timeout) {
		this.delegate.setTimeout(timeout);
	}

	@Override
	public long getTimeout() {
		return this.delegate.getTimeout();
	}

	/**
	 * Decides when the request completes.
	 */
	interface Completion {

		/**
		 * Runs the container's completion now or later, exactly once.
		 * @param containerCompletion completes the request in the container
		 */
		void complete(Runnable containerCompletion);

	}

}
