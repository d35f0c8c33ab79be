package dev.sluice.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties shared by every route's filters of a kind, under {@code sluice.filter}.
 */
@ConfigurationProperties("sluice.filter")
public class SluiceFilterProperties {

	private final SecureHeaders secureHeaders = new SecureHeaders();

	private final SetStatus setStatus = new SetStatus();

	public SecureHeaders getSecureHeaders() {
		return this.secureHeaders;
	}

	public SetStatus getSetStatus() {
		return this.setStatus;
	}

	/**
	 * Values of the headers the SecureHeaders filter adds; unset values keep Spring Cloud
	 * Gateway's defaults.
	 */
	public static class SecureHeaders {

		/**
		 * Value of the X-Xss-Protection header.
		 */
		private String xssProtectionHeader;

		/**
		 * Value of the Strict-Transport-Security header.
		 */
		private String strictTransportSecurity;

		/**
		 * Value of the X-Frame-Options header.
		 */
		private String frameOptions;

		/**
		 * Value of the X-Content-Type-Options header.
		 */
		private String contentTypeOptions;

		/**
		 * Value of the Referrer-Policy header.
		 */
		private String referrerPolicy;

		/**
		 * Value of the Content-Security-Policy header.
		 */
		private String contentSecurityPolicy;

		/**
		 * Value of the X-Download-Options header.
		 */
		private String downloadOptions;

		/**
		 * Value of the X-Permitted-Cross-Domain-Policies header.
		 */
		private String permittedCrossDomainPolicies;

		/**
		 * Value of the Permissions-Policy header, sent only when enabled.
		 */
		private String permissionsPolicy;

		/**
		 * Lower-case names of headers not to add, such as x-frame-options.
		 */
		private List<String> disable = new ArrayList<>();

		/**
		 * Lower-case names of opt-in headers to add; only permissions-policy is opt-in.
		 */
		private List<String> enable = new ArrayList<>();

		public String getXssProtectionHeader() {
			return this.xssProtectionHeader;
		}

		public void setXssProtectionHeader(String xssProtectionHeader) {
			this.xssProtectionHeader = xssProtectionHeader;
		}

		public String getStrictTransportSecurity() {
			return this.strictTransportSecurity;
		}

		public void setStrictTransportSecurity(String strictTransportSecurity) {
			this.strictTransportSecurity = strictTransportSecurity;
		}

		public String getFrameOptions() {
			return this.frameOptions;
		}

		public void setFrameOptions(String frameOptions) {
			this.frameOptions = frameOptions;
		}

		public String getContentTypeOptions() {
			return this.contentTypeOptions;
		}

		public void setContentTypeOptions(String contentTypeOptions) {
			this.contentTypeOptions = contentTypeOptions;
		}

		public String getReferrerPolicy() {
			return this.referrerPolicy;
		}

		public void setReferrerPolicy(String referrerPolicy) {
			this.referrerPolicy = referrerPolicy;
		}

		public String getContentSecurityPolicy() {
			return this.contentSecurityPolicy;
		}

		public void setContentSecurityPolicy(String contentSecurityPolicy) {
			this.contentSecurityPolicy = contentSecurityPolicy;
		}

		public String getDownloadOptions() {
			return this.downloadOptions;
		}

		public void setDownloadOptions(String downloadOptions) {
			this.downloadOptions = downloadOptions;
		}

		public String getPermittedCrossDomainPolicies() {
			return this.permittedCrossDomainPolicies;
		}

		public void setPermittedCrossDomainPolicies(String permittedCrossDomainPolicies) {
			this.permittedCrossDomainPolicies = permittedCrossDomainPolicies;
		}

		public String getPermissionsPolicy() {
			return this.permissionsPolicy;
		}

		public void setPermissionsPolicy(String permissionsPolicy) {
			this.permissionsPolicy = permissionsPolicy;
		}

		public List<String> getDisable() {
			return this.disable;
		}

		public void setDisable(List<String> disable) {
			this.disable = disable;
		}

		public List<String> getEnable() {
			return this.enable;
		}

		public void setEnable(List<String> enable) {
			this.enable = enable;
		}

	}

	/**
	 * Settings of the SetStatus filter.
	 */
	public static class SetStatus {

		/**
		 * Name of a response header that carries the upstream's original status when SetStatus
		 * changes it; none when not set.
		 */
		private String originalStatusHeaderName;

		public String getOriginalStatusHeaderName() {
			return this.originalStatusHeaderName;
		}

		public void setOriginalStatusHeaderName(String originalStatusHeaderName) {
			this.originalStatusHeaderName = originalStatusHeaderName;
		}

	}

}
