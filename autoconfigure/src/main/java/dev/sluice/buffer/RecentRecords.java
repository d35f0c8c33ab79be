package dev.sluice.buffer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The latest records of one kind, oldest dropped first, with listeners told of each new one: the
 * ledger's leak suspects and Netty's leak reports.
 *
 * @param <T> the kind of record
 */
final class RecentRecords<T> {

	private final Deque<T> records = new ArrayDeque<>();

	private final List<Consumer<T>> listeners = new CopyOnWriteArrayList<>();

	private volatile int capacity;

	RecentRecords(int capacity) {
		setCapacity(capacity);
	}

	/**
	 * Sets how many records are kept, at least one.
	 * @param capacity the number of records
	 */
	void setCapacity(int capacity) {
		this.capacity = Math.max(1, capacity);
	}

	void add(T record) {
		synchronized (this.records) {
			while (this.records.size() >= this.capacity) {
				this.records.removeFirst();
			}
			this.records.addLast(record);
		}
		this.listeners.forEach((listener) -> listener.accept(record));
	}

	/**
	 * Returns the records kept, oldest first.
	 * @return a copy of the records
	 */
	List<T> snapshot() {
		synchronized (this.records) {
			return new ArrayList<>(this.records);
		}
	}

	void clear() {
		synchronized (this.records) {
			this.records.clear();
		}
	}

	/**
	 * Registers a callback for each new record.
	 * @param listener the callback
	 * @return a handle that unregisters it
	 */
	Runnable addListener(Consumer<T> listener) {
		this.listeners.add(listener);
		return () -> this.listeners.remove(listener);
	}

}
