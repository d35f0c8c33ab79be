package dev.sluice.server.servlet;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The container's read callbacks and the application's readiness checks never overlap on a
 * {@link SerializedReadInputStream}, and none is lost.
 */
class SerializedReadInputStreamTests {

	private final ContainerStream container = new ContainerStream();

	private final SerializedReadInputStream stream = new SerializedReadInputStream(this.container);

	@Test
	void answersAReadinessCheckFromOutsideWithFalseAndRunsTheCallbackOnTheCaller() {
		List<Boolean> readyInsideCallback = new CopyOnWriteArrayList<>();
		List<Thread> callbackThreads = new CopyOnWriteArrayList<>();
		this.stream.setReadListener(new RecordingListener() {
			@Override
			public void onDataAvailable() {
				callbackThreads.add(Thread.currentThread());
				readyInsideCallback.add(SerializedReadInputStreamTests.this.stream.isReady());
			}
		});
		assertThat(this.stream.isReady()).isFalse();
		assertThat(callbackThreads).containsExactly(Thread.currentThread());
		assertThat(readyInsideCallback).as("the container answers the reading thread").containsExactly(true);
		assertThat(this.container.readyChecks).hasValue(1);
	}

	@Test
	void runsAContainerCallbackThatArrivesDuringAReadAfterThatRead() throws Exception {
		CountDownLatch reading = new CountDownLatch(1);
		CountDownLatch finishRead = new CountDownLatch(1);
		AtomicInteger inside = new AtomicInteger();
		AtomicInteger maxInside = new AtomicInteger();
		List<Thread> callbackThreads = new CopyOnWriteArrayList<>();
		this.stream.setReadListener(new RecordingListener() {
			@Override
			public void onDataAvailable() throws IOException {
				maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
				callbackThreads.add(Thread.currentThread());
				if (callbackThreads.size() == 1) {
					reading.countDown();
					await(finishRead);
				}
				inside.decrementAndGet();
			}
		});
		Thread reader = new Thread(this.stream::isReady, "reader");
		reader.start();
		assertThat(reading.await(5, TimeUnit.SECONDS)).isTrue();
		this.container.listener.onDataAvailable();
		assertThat(callbackThreads).as("deferred while the read runs").hasSize(1);
		finishRead.countDown();
		reader.join(5000);
		assertThat(callbackThreads).as("run by the reader once its read ended").containsExactly(reader, reader);
		assertThat(maxInside).hasValue(1);
	}

	@Test
	void passesTheContainersCompletionAndErrorsOnInOrder() throws Exception {
		List<String> events = new CopyOnWriteArrayList<>();
		this.stream.setReadListener(new RecordingListener() {
			@Override
			public void onDataAvailable() {
				events.add("data");
			}

			@Override
			public void onAllDataRead() {
				events.add("all");
			}

			@Override
			public void onError(Throwable error) {
				events.add("error " + error.getMessage());
			}
		});
		this.container.listener.onDataAvailable();
		this.container.listener.onAllDataRead();
		this.container.listener.onError(new IOException("reset"));
		assertThat(events).containsExactly("data", "all", "error reset");
	}

	@Test
	void reportsAFailingCallbackToTheListenerAndStaysUsable() throws Exception {
		List<String> events = new CopyOnWriteArrayList<>();
		this.stream.setReadListener(new RecordingListener() {
			@Override
			public void onDataAvailable() throws IOException {
				events.add("data");
				if (events.size() == 1) {
					throw new IOException("broken");
				}
			}

			@Override
			public void onError(Throwable error) {
				events.add("error " + error.getMessage());
			}
		});
		this.container.listener.onDataAvailable();
		this.container.listener.onDataAvailable();
		assertThat(events).containsExactly("data", "error broken", "data");
	}

	@Test
	void reportsAFailedReadAsAnErrorOnceTheCallbackThatReadHasReturned() throws Exception {
		// Spring's read publisher loses an exception thrown by a read inside its read loop.
		this.container.readFailure = new IOException("Invalid chunk header");
		List<String> events = new CopyOnWriteArrayList<>();
		this.stream.setReadListener(new RecordingListener() {
			@Override
			public void onDataAvailable() throws IOException {
				SerializedReadInputStream stream = SerializedReadInputStreamTests.this.stream;
				events.add("read " + stream.read(new byte[8], 0, 8));
				events.add("ready " + stream.isReady());
				events.add("data done");
			}

			@Override
			public void onError(Throwable error) {
				events.add("error " + error.getMessage());
			}
		});
		this.container.listener.onDataAvailable();
		assertThat(events).containsExactly("read 0", "ready false", "data done", "error Invalid chunk header");
	}

	@Test
	void tellsItsOwnerWhenTheContainerReportsAnErrorAfterAFailedRead() throws Exception {
		AtomicInteger reported = new AtomicInteger();
		SerializedReadInputStream stream = new SerializedReadInputStream(this.container, reported::incrementAndGet);
		List<String> events = new CopyOnWriteArrayList<>();
		stream.setReadListener(new RecordingListener() {
			@Override
			public void onDataAvailable() throws IOException {
				stream.read(new byte[8], 0, 8);
			}

			@Override
			public void onError(Throwable error) {
				events.add("error " + error.getMessage() + " after " + reported.get() + " report(s)");
			}
		});
		this.container.listener.onError(new IOException("reset"));
		this.container.readFailure = new IOException("Invalid chunk header");
		this.container.listener.onDataAvailable();
		this.container.listener.onError(new IOException("Invalid chunk header"));
		assertThat(reported).hasValue(1);
		assertThat(events).containsExactly("error reset after 0 report(s)",
				"error Invalid chunk header after 0 report(s)", "error Invalid chunk header after 1 report(s)");
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * A listener that does nothing unless a test overrides a callback.
	 */
	private static class RecordingListener implements ReadListener {

		@Override
		public void onDataAvailable() throws IOException {
		}

		@Override
		public void onAllDataRead() throws IOException {
		}

		@Override
		public void onError(Throwable error) {
		}

	}

	/**
	 * The container's stream: always ready, and keeps the listener registered on it. Its reads
	 * fail once a test gives it a failure.
	 */
	private static final class ContainerStream extends ServletInputStream {

		private final AtomicInteger readyChecks = new AtomicInteger();

		private volatile ReadListener listener;

		private volatile IOException readFailure;

		@Override
		public boolean isFinished() {
			return false;
		}

		@Override
		public boolean isReady() {
			this.readyChecks.incrementAndGet();
			return true;
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.listener = listener;
		}

		@Override
		public int read() {
			return 0;
		}

		@Override
		public int read(byte[] bytes, int offset, int length) throws IOException {
			if (this.readFailure != null) {
				throw this.readFailure;
			}
			return 0;
		}

	}

}
