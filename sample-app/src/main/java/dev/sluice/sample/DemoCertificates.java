package dev.sluice.sample;

import java.security.KeyStore;
import java.security.cert.X509Certificate;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;

import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.stereotype.Component;

/**
 * A certificate authority and a certificate for the demo upstream's TLS port, made at startup so
 * that no key is kept in the repository, and the SSL bundle {@code demo-upstream} that trusts that
 * authority: the {@code secure} route names it in its {@code ssl-bundle} metadata.
 */
@Component
class DemoCertificates implements SslBundleRegistrar {

	static final String BUNDLE = "demo-upstream";

	private final X509Bundle authority;

	private final X509Bundle server;

	DemoCertificates() throws Exception {
		this.authority = new CertificateBuilder().subject("CN=Sluice sample CA")
			.setIsCertificateAuthority(true)
			.ecp256()
			.buildSelfSigned();
		this.server = new CertificateBuilder().subject("CN=localhost")
			.addSanIpAddress("127.0.0.1")
			.addSanDnsName("localhost")
			.addExtendedKeyUsageServerAuth()
			.ecp256()
			.buildIssuedBy(this.authority);
	}

	X509Bundle server() {
		return this.server;
	}

	@Override
	public void registerBundles(org.springframework.boot.ssl.SslBundleRegistry registry) {
		try {
			KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
			trustStore.load(null, null);
			trustStore.setCertificateEntry("sample-ca", (X509Certificate) this.authority.getCertificate());
			registry.registerBundle(BUNDLE, SslBundle.of(SslStoreBundle.of(null, null, trustStore)));
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot build the demo upstream's trust store", ex);
		}
	}

}
