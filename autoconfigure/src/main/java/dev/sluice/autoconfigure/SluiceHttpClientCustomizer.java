package dev.sluice.autoconfigure;

import reactor.netty.http.client.HttpClient;

/**
 * Callback to customize the {@link HttpClient} the gateway calls upstreams with, for example to
 * add TLS settings or metrics.
 */
@FunctionalInterface
public interface SluiceHttpClientCustomizer {

	HttpClient customize(HttpClient httpClient);

}
