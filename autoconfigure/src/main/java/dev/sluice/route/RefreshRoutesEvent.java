package dev.sluice.route;

import org.springframework.context.ApplicationEvent;

/**
 * Asks every route source to read its definitions again; the route table is rebuilt after the
 * event has been handled. Listeners run in the publisher's thread: one that cannot compile the new
 * definitions throws, the routes in force stay, and the publisher reports the error.
 */
public final class RefreshRoutesEvent extends ApplicationEvent {

	/**
	 * Creates the event.
	 * @param source who asks for the refresh, such as the actuator endpoint
	 */
	public RefreshRoutesEvent(Object source) {
		super(source);
	}

}
