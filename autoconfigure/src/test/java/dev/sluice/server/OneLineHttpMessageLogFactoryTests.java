package dev.sluice.server;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;
import reactor.netty.http.logging.HttpMessageArgProviderFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OneLineHttpMessageLogFactory}.
 */
class OneLineHttpMessageLogFactoryTests {

	@Test
	void describesAFailedRequestInOneLine() {
		HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/x");
		request.headers().add("X-A", "1").add("X-B", "2");
		request.setDecoderResult(DecoderResult.failure(new IllegalArgumentException("Multiple Content-Length values")));
		String line = OneLineHttpMessageLogFactory.INSTANCE.warn(HttpMessageArgProviderFactory.create(request, HttpVersion.HTTP_1_1));
		assertThat(line).doesNotContain("\n").contains("POST /x HTTP/1.1", "Multiple Content-Length values");
	}

	@Test
	void describesAFailedChunkOfABodyWithoutFailing() {
		HttpContent chunk = new DefaultHttpContent(Unpooled.EMPTY_BUFFER);
		chunk.setDecoderResult(DecoderResult.failure(new NumberFormatException("zz")));
		String line = OneLineHttpMessageLogFactory.INSTANCE.warn(HttpMessageArgProviderFactory.create(chunk, HttpVersion.HTTP_1_1));
		assertThat(line).doesNotContain("\n").contains("CONTENT");
	}

}
