package dev.sluice.buffer;

/**
 * Opens the buffer account of each proxied exchange.
 */
@FunctionalInterface
public interface BufferTracker {

	/** Tracks nothing. */
	BufferTracker NONE = (routeId, method, path, server) -> ExchangeBuffers.UNTRACKED;

	/**
	 * Opens the account of an exchange.
	 * @param routeId the route it matched
	 * @param method the request method
	 * @param path the request path, without query
	 * @param server the running server's name
	 * @return the exchange's buffers
	 */
	ExchangeBuffers open(String routeId, String method, String path, String server);

}
