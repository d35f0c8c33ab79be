package dev.sluice.proxy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.netty.NettyPipeline;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guard around Netty's own HTTP client codec, fed one read at a time, so that where the reads
 * split the upstream's bytes is exact. No Reactor Netty exchange is bound to the channel, so a
 * connection the guard keeps out of the pool is closed at once.
 */
class UpstreamConnectionGuardTests {

	private final EmbeddedChannel channel = new EmbeddedChannel();

	UpstreamConnectionGuardTests() {
		this.channel.pipeline().addLast(NettyPipeline.HttpCodec, new HttpClientCodec());
		UpstreamConnectionGuard.install(this.channel.pipeline());
	}

	@AfterEach
	void releaseEverything() {
		this.channel.finishAndReleaseAll();
	}

	@Test
	void passesOnlyTheFinalResponseAfterInformationalOnes() {
		request();
		read("HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\nHTTP/1.1 102 Processing\r\n\r\n");
		read("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
		assertThat(inbound()).containsExactly("200", "ok", "end");
		assertThat(this.channel.isOpen()).isTrue();
	}

	@Test
	void keepsTheConnectionWhenEveryByteBelongsToAResponse() {
		request();
		read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n");
		read("0\r\n\r\n");
		request();
		// The head splits inside a line, so the decoder copies the next read behind what it kept.
		read("HTTP/1.1 200 OK\r\nContent-Le");
		read("ngth: 4\r\n\r\nok");
		read("ok");
		request();
		read("HTTP/1.1 304 Not Modified\r\nContent-Length: 42\r\n\r\n");
		request();
		// A chunk-size line split across reads; the read after the copied one is straight again,
		// which the guard learns from the bytes still in it when the first chunk comes out.
		read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n1");
		read("\r\na\r\n");
		read("1\r\nb\r\n1\r\nc\r\n0\r\n\r\n");
		assertThat(inbound()).containsExactly("200", "ok", "end", "200", "ok", "ok", "end", "304", "end", "200", "ok",
				"a", "b", "c", "end");
		assertThat(this.channel.isOpen()).isTrue();
	}

	@Test
	void closesTheConnectionWhenBytesFollowAResponseInTheSameRead() {
		request();
		read("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokstray");
		assertThat(inbound()).containsExactly("200", "ok", "end");
		assertThat(this.channel.isOpen()).isFalse();
	}

	@Test
	void closesTheConnectionWhenBytesFollowAResponseInAReadTheDecoderCopied() {
		request();
		read("HTTP/1.1 200 OK\r\nContent-Le");
		read("ngth: 2\r\n\r\nokstray");
		assertThat(inbound()).containsExactly("200", "ok", "end");
		assertThat(this.channel.isOpen()).isFalse();
	}

	@Test
	void closesTheConnectionOfANoContentResponseThatAnnouncesABody() {
		request();
		read("HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n");
		assertThat(inbound()).containsExactly("204", "end");
		assertThat(this.channel.isOpen()).isFalse();
	}

	@Test
	void closesTheConnectionWhenBytesArriveWhileNoRequestWaits() {
		request();
		read("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
		assertThat(inbound()).containsExactly("200", "ok", "end");
		assertThat(this.channel.isOpen()).isTrue();
		read("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nstray");
		assertThat(inbound()).isEmpty();
		assertThat(this.channel.isOpen()).isFalse();
	}

	private void request() {
		this.channel.writeOutbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/"));
		for (Object written = this.channel.readOutbound(); written != null; written = this.channel.readOutbound()) {
			ReferenceCountUtil.release(written);
		}
	}

	private void read(String bytes) {
		if (this.channel.isOpen()) {
			this.channel.writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.ISO_8859_1));
		}
	}

	/**
	 * Returns what reached the end of the pipeline since the last call: a status for a head, the
	 * text of each content, and "end" for the end of a response.
	 */
	private List<String> inbound() {
		List<String> seen = new ArrayList<>();
		for (Object msg = this.channel.readInbound(); msg != null; msg = this.channel.readInbound()) {
			try {
				if (msg instanceof HttpResponse response) {
					seen.add(Integer.toString(response.status().code()));
				}
				if (msg instanceof HttpContent content && content.content().isReadable()) {
					seen.add(content.content().toString(StandardCharsets.ISO_8859_1));
				}
				if (msg instanceof LastHttpContent) {
					seen.add("end");
				}
			}
			finally {
				ReferenceCountUtil.release(msg);
			}
		}
		return seen;
	}

}
