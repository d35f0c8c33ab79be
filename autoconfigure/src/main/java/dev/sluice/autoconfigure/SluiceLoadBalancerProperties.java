package dev.sluice.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of {@code lb://} routes beyond Spring Cloud LoadBalancer's own
 * ({@code spring.cloud.loadbalancer.*}): passive outlier detection.
 */
@ConfigurationProperties("sluice.load-balancer")
public class SluiceLoadBalancerProperties {

	private final OutlierDetection outlierDetection = new OutlierDetection();

	public OutlierDetection getOutlierDetection() {
		return this.outlierDetection;
	}

	/**
	 * Passive outlier detection: an instance that keeps failing is skipped for a while.
	 */
	public static class OutlierDetection {

		/**
		 * Whether an instance that fails several attempts in a row is ejected for a while.
		 */
		private boolean enabled = true;

		/**
		 * Failed attempts in a row (an upstream that cannot be reached, breaks off, times out or
		 * answers 5xx) after which an instance is ejected.
		 */
		private int consecutiveFailures = 5;

		/**
		 * How long an ejected instance is skipped before it gets requests again.
		 */
		private Duration ejectionTime = Duration.ofSeconds(30);

		/**
		 * Largest share of a service's known instances that may be ejected at once, between 0 and 1;
		 * one instance may always be ejected.
		 */
		private double maxEjectedShare = 0.1;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getConsecutiveFailures() {
			return this.consecutiveFailures;
		}

		public void setConsecutiveFailures(int consecutiveFailures) {
			this.consecutiveFailures = consecutiveFailures;
		}

		public Duration getEjectionTime() {
			return this.ejectionTime;
		}

		public void setEjectionTime(Duration ejectionTime) {
			this.ejectionTime = ejectionTime;
		}

		public double getMaxEjectedShare() {
			return this.maxEjectedShare;
		}

		public void setMaxEjectedShare(double maxEjectedShare) {
			this.maxEjectedShare = maxEjectedShare;
		}

	}

}
