package dev.sluice.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package rules of docs/architecture.md, as Spring Boot keeps its own: no cycles between
 * Sluice's packages, no runtime package that reaches into the auto-configuration, and a
 * {@code package-info} declaring the null contract in every package.
 */
class PackageRulesTests {

	private static final JavaClasses MAIN = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.sluice");

	@Test
	void packagesHaveNoCycles() {
		ArchRule rule = slices().matching("dev.sluice.(**)").should().beFreeOfCycles();
		rule.check(MAIN);
	}

	@Test
	void runtimePackagesDoNotImportTheAutoConfiguration() {
		ArchRule rule = noClasses().that()
			.resideOutsideOfPackage("dev.sluice.autoconfigure..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.sluice.autoconfigure..");
		rule.check(MAIN);
	}

	@Test
	void everyPackageIsNullMarked() {
		ArchRule rule = classes().that()
			.haveSimpleName("package-info")
			.should()
			.beAnnotatedWith("org.jspecify.annotations.NullMarked");
		rule.check(MAIN);
		long packages = MAIN.stream().map((type) -> type.getPackageName()).distinct().count();
		long marked = MAIN.stream()
			.filter((type) -> type.getSimpleName().equals("package-info"))
			.filter((type) -> type.isAnnotatedWith("org.jspecify.annotations.NullMarked"))
			.count();
		org.assertj.core.api.Assertions.assertThat(marked).as("packages with a @NullMarked package-info")
			.isEqualTo(packages);
	}

}
