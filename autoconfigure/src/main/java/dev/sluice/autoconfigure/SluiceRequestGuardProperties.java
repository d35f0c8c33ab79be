package dev.sluice.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of what the gateway refuses from clients before routing.
 */
@ConfigurationProperties("sluice.request")
public class SluiceRequestGuardProperties {

	/**
	 * Whether request paths may hold dot-segments ("/a/../b", also percent-encoded, behind matrix
	 * parameters or an encoded slash); when not, such a request is answered 400 before any route
	 * predicate sees it. Allowing them lets a client walk past a Path predicate on an upstream that
	 * normalizes paths.
	 */
	private boolean allowDotSegments;

	public boolean isAllowDotSegments() {
		return this.allowDotSegments;
	}

	public void setAllowDotSegments(boolean allowDotSegments) {
		this.allowDotSegments = allowDotSegments;
	}

}
