package dev.sluice.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

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
		private @Nullable String xssProtectionHeader;

		/**
		 * Value of the Strict-Transport-Security header.
		 */
		private @Nullable String strictTransportSecurity;

		/**
		 * Value of the X-Frame-Options header.
		 */
		private @Nullable String frameOptions;

		/**
		 * Value of the X-Content-Type-Options header.
		 */
		private @Nullable String contentTypeOptions;

		/**
		 * Value of the Referrer-Policy header.
		 */
		private @Nullable String referrerPolicy;

		/**
		 * Value of the Content-Security-Policy header.
		 */
		private @Nullable String contentSecurityPolicy;

		/**
		 * Value of the X-Download-Options header.
		 */
		private @Nullable String downloadOptions;

		/**
		 * Value of the X-Permitted-Cross-Domain-Policies header.
		 */
		private @Nullable String permittedCrossDomainPolicies;

		/**
		 * Value of the Permissions-Policy header, sent only when enabled.
		 */
		private @Nullable String permissionsPolicy;

		/**
		 * Lower-case names of headers not to add, such as x-frame-options.
		 */
		private List<String> disable = new ArrayList<>();

		/**
		 * Lower-case names of opt-in headers to add; only permissions-policy is opt-in.
		 */
		private List<String> enable = new ArrayList<>();

		public @Nullable String getXssProtectionHeader() {
			return this.xssProtectionHeader;
		}

		public void setXssProtectionHeader(@Nullable String xssProtectionHeader) {
			this.xssProtectionHeader = xssProtectionHeader;
		}

		public @Nullable String getStrictTransportSecurity() {
			return this.strictTransportSecurity;
		}

		public void setStrictTransportSecurity(@Nullable String strictTransportSecurity) {
			this.strictTransportSecurity = strictTransportSecurity;
		}

		public @Nullable String getFrameOptions() {
			return this.frameOptions;
		}

		public void setFrameOptions(@Nullable String frameOptions) {
			this.frameOptions = frameOptions;
		}

		public @Nullable String getContentTypeOptions() {
			return this.contentTypeOptions;
		}

		public void setContentTypeOptions(@Nullable String contentTypeOptions) {
			this.contentTypeOptions = contentTypeOptions;
		}

		public @Nullable String getReferrerPolicy() {
			return this.referrerPolicy;
		}

		public void setReferrerPolicy(@Nullable String referrerPolicy) {
			this.referrerPolicy = referrerPolicy;
		}

		public @Nullable String getContentSecurityPolicy() {
			return this.contentSecurityPolicy;
		}

		public void setContentSecurityPolicy(@Nullable String contentSecurityPolicy) {
			this.contentSecurityPolicy = contentSecurityPolicy;
		}

		public @Nullable String getDownloadOptions() {
			return this.downloadOptions;
		}

		public void setDownloadOptions(@Nullable String downloadOptions) {
			this.downloadOptions = downloadOptions;
		}

		public @Nullable String getPermittedCrossDomainPolicies() {
			return this.permittedCrossDomainPolicies;
		}

		public void setPermittedCrossDomainPolicies(@Nullable String permittedCrossDomainPolicies) {
			this.permittedCrossDomainPolicies = permittedCrossDomainPolicies;
		}

		public @Nullable String getPermissionsPolicy() {
			return this.permissionsPolicy;
		}

		public void setPermissionsPolicy(@Nullable String permissionsPolicy) {
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
		private @Nullable String originalStatusHeaderName;

		public @Nullable String getOriginalStatusHeaderName() {
			return this.originalStatusHeaderName;
		}

		public void setOriginalStatusHeaderName(@Nullable String originalStatusHeaderName) {
			this.originalStatusHeaderName = originalStatusHeaderName;
		}

	}

}
