package io.godfs.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks module's rules. bootstrap's {@code ArchitectureTest} checks every module the
 * server is built from and cannot see this one (it depends on bootstrap); here the benchmarks sit
 * outside the hexagon, like the launcher: they may use any module, and no module may use them.
 */
class BenchmarksArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.godfs");
  }

  @Test
  void nothingDependsOnTheBenchmarks() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.godfs.benchmarks..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.godfs.benchmarks..")
        .because("the server jar must not contain or need the benchmarks")
        .check(classes);
  }

  @Test
  void benchmarksPrintThroughTheirCommand() {
    noClasses()
        .that()
        .resideInAPackage("io.godfs.benchmarks..")
        .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
        .check(classes);
  }

  @Test
  void noGenericExceptionsAreThrown() {
    noClasses()
        .that()
        .resideInAPackage("io.godfs.benchmarks..")
        .should(GeneralCodingRules.THROW_GENERIC_EXCEPTIONS)
        .check(classes);
  }

  @Test
  void noImplSuffixes() {
    noClasses()
        .that()
        .resideInAPackage("io.godfs.benchmarks..")
        .should()
        .haveSimpleNameEndingWith("Impl")
        .check(classes);
  }
}
