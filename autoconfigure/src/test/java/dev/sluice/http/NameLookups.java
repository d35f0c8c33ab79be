package dev.sluice.http;

import java.security.Permission;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records the host names the JDK looks up through the name service while a task runs: before a
 * look-up, {@code InetAddress} asks the security manager whether it may connect to the host on port
 * -1, so a manager that allows everything and notes those questions sees every look-up.
 */
public final class NameLookups {

	private NameLookups() {
	}

	/**
	 * Runs a task and returns the names looked up meanwhile, on any thread.
	 * @param task the task
	 * @return the names
	 */
	@SuppressWarnings("removal")
	public static List<String> during(Runnable task) {
		List<String> names = new CopyOnWriteArrayList<>();
		SecurityManager previous = System.getSecurityManager();
		System.setSecurityManager(new SecurityManager() {

			@Override
			public void checkConnect(String host, int port) {
				if (port == -1) {
					names.add(host);
				}
			}

			@Override
			public void checkPermission(Permission permission) {
			}

			@Override
			public void checkPermission(Permission permission, Object context) {
			}

		});
		try {
			task.run();
		}
		finally {
			System.setSecurityManager(previous);
		}
		return names;
	}

}
