package io.godfs.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import io.godfs.domain.error.DfsException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hexagon's rules, checked on the compiled production classes of every module. */
class ArchitectureTest {
  private static final String D = "io.godfs.";

  /** The application's use cases, by the role that runs them, and what roles share. */
  private static final String[] ROLES = {
    D + "application.master..",
    D + "application.chunkserver..",
    D + "application.client..",
    D + "application.shared.."
  };

  private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar!/.*");
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // Test fixtures shared as Maven test jars (e.g. the gRPC adapter's test certificates)
            // are tests too, but come as jars, which the option above does not recognise.
            .withImportOption(location -> !location.matches(TEST_JAR))
            .importPackages(
                "io.godfs.domain",
                "io.godfs.application",
                "io.godfs.adapters",
                "io.godfs.client",
                "io.godfs.bootstrap");
  }

  @Test
  void layersOnlyDependInward() {
    layeredArchitecture()
        .consideringOnlyDependenciesInAnyPackage("io.godfs..")
        .layer("Domain")
        .definedBy(D + "domain..")
        .layer("PortsIn")
        .definedBy(D + "application.port.in..")
        .layer("PortsOut")
        .definedBy(D + "application.port.out..")
        .layer("Services")
        .definedBy(ROLES)
        .layer("Adapters")
        .definedBy(D + "adapters..")
        .layer("Sdk")
        .definedBy(D + "client..")
        .layer("Bootstrap")
        .definedBy(D + "bootstrap..")
        .whereLayer("Bootstrap")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("Sdk")
        .mayOnlyBeAccessedByLayers("Bootstrap")
        .whereLayer("Adapters")
        .mayOnlyBeAccessedByLayers("Bootstrap", "Sdk")
        .whereLayer("Services")
        .mayOnlyBeAccessedByLayers("Bootstrap", "Sdk")
        .whereLayer("PortsIn")
        .mayOnlyBeAccessedByLayers("Services", "Adapters", "Sdk", "Bootstrap")
        .whereLayer("PortsOut")
        .mayOnlyBeAccessedByLayers("Services", "Adapters", "Sdk", "Bootstrap")
        .check(classes);
  }

  @Test
  void adaptersDoNotDependOnEachOther() {
    slices().matching("io.godfs.adapters.(*)..").should().notDependOnEachOther().check(classes);
  }

  /**
   * ADR 0023: the metric catalogue and the Prometheus client live in one adapter; the rest of goDFS
   * sees a JDK HttpHandler, so a change of metrics library touches one module.
   */
  @Test
  void onlyTheTelemetryAdapterUsesThePrometheusClient() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.godfs.adapters.telemetry..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.prometheus..")
        .check(classes);
  }

  /**
   * ADR 0023: spans start and end in the edge adapters, through the OpenTelemetry API; its SDK and
   * exporter (sampling, batching, the wire) are the telemetry adapter's alone.
   */
  @Test
  void onlyTheTelemetryAdapterUsesTheOpenTelemetrySdk() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.godfs.adapters.telemetry..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.opentelemetry.sdk..", "io.opentelemetry.exporter..")
        .check(classes);
  }

  @Test
  void domainIsPlainJava() {
    classes()
        .that()
        .resideInAPackage(D + "domain..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(D + "domain..", "java..")
        .check(classes);
  }

  @Test
  void applicationIsPlainJava() {
    classes()
        .that()
        .resideInAPackage(D + "application..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(D + "domain..", D + "application..", "java..", "javax.crypto..")
        .because(
            "the core is the JDK alone; javax.crypto is the JDK's HMAC, which signs and checks chunk"
                + " access tokens on the master and the chunkservers alike (ADR 0022)")
        .check(classes);
  }

  @Test
  void inPortsAndOutPortsDoNotReferenceEachOther() {
    noClasses()
        .that()
        .resideInAPackage(D + "application.port.in..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(D + "application.port.out..")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage(D + "application.port.out..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(D + "application.port.in..")
        .check(classes);
  }

  @Test
  void coreIsDeterministic() {
    noClasses()
        .that()
        .resideInAnyPackage(D + "domain..", D + "application..")
        .should()
        .callMethod(Instant.class, "now")
        .orShould()
        .callMethod(System.class, "currentTimeMillis")
        .orShould()
        .callMethod(UUID.class, "randomUUID")
        .because("replicated metadata must replay identically; time and ids come in as arguments")
        .check(classes);
  }

  @Test
  void packagesAreFreeOfCycles() {
    slices()
        .matching("io.godfs.(**)")
        .namingSlices("package io.godfs.$1")
        .should()
        .beFreeOfCycles()
        .because("a package that needs another must not be needed back; otherwise the two are one")
        .check(classes);
  }

  @Test
  void coreReadsNoClockOfItsOwn() {
    noClasses()
        .that()
        .resideInAnyPackage(D + "domain..", D + "application..")
        .should()
        .accessTargetWhere(targetIs(System.class, "nanoTime"))
        .orShould()
        .accessTargetWhere(targetIs(System.class, "currentTimeMillis"))
        .orShould()
        .accessTargetWhere(
            DescribedPredicate.describe(
                "a now() of java.time",
                a ->
                    a.getTarget().getName().equals("now")
                        && a.getTargetOwner().getPackageName().equals("java.time")))
        .orShould()
        .accessTargetWhere(
            DescribedPredicate.describe(
                "a system clock of java.time",
                a ->
                    a.getTarget().getName().startsWith("system")
                        && (a.getTargetOwner().isAssignableTo(InstantSource.class))))
        .because(
            "time comes in through an injected clock (InstantSource, Clock or a nanoTime source), so tests"
                + " control it and replicated metadata replays identically")
        .check(classes);
  }

  @Test
  void coreMakesNoRandomnessOfItsOwn() {
    noClasses()
        .that()
        .resideInAnyPackage(D + "domain..", D + "application..")
        .should()
        .dependOnClassesThat()
        .areAssignableTo(Random.class) // SecureRandom, ThreadLocalRandom too
        .orShould()
        .dependOnClassesThat()
        .areAssignableTo(SplittableRandom.class)
        .orShould()
        .dependOnClassesThat()
        .areAssignableTo(RandomGeneratorFactory.class)
        .orShould()
        .accessTargetWhere(
            DescribedPredicate.describe(
                "a RandomGenerator factory",
                a ->
                    (a.getTarget().getName().equals("of")
                            || a.getTarget().getName().equals("getDefault"))
                        && a.getTargetOwner().isAssignableTo(RandomGenerator.class)))
        .orShould()
        .accessTargetWhere(targetIs(Math.class, "random"))
        .orShould()
        .accessTargetWhere(targetIs(StrictMath.class, "random"))
        .because(
            "randomness comes in as an injected RandomGenerator: SecureRandom where ids must be unguessable,"
                + " chosen by the wiring; a seeded one in tests")
        .check(classes);
  }

  @Test
  void coreKeepsNoThreadLocals() {
    noClasses()
        .that()
        .resideInAnyPackage(D + "domain..", D + "application..")
        .should()
        .dependOnClassesThat()
        .areAssignableTo(ThreadLocal.class)
        .because(
            "what a use case needs comes in as an argument: the caller (principal, request id) is a"
                + " Caller passed into every master use case (ADR 0022)")
        .check(classes);
  }

  private static DescribedPredicate<JavaAccess<?>> targetIs(Class<?> owner, String name) {
    return DescribedPredicate.describe(
        owner.getSimpleName() + "." + name,
        a -> a.getTarget().getName().equals(name) && a.getTargetOwner().isEquivalentTo(owner));
  }

  @Test
  void rolesShareOnlyTheSharedPackage() {
    slices()
        .matching("io.godfs.application.(*)..")
        .namingSlices("role $1")
        .that(
            DescribedPredicate.describe(
                "master, chunkserver or client",
                s ->
                    List.of("role master", "role chunkserver", "role client")
                        .contains(s.getDescription())))
        .should()
        .notDependOnEachOther()
        .because(
            "a master, a chunkserver and a client run apart; what two of them need lives in application.shared")
        .check(classes);
  }

  @Test
  void masterUseCasesRefuseWithOutcomes() {
    noClasses()
        .that()
        .resideInAPackage(D + "application.master..")
        .should()
        .dependOnClassesThat()
        .areAssignableTo(DfsException.class)
        .because(
            "an expected refusal on the master is an Outcome.Rejected, never a thrown DfsException (ADR 0020)")
        .check(classes);
  }

  @Test
  void useCaseServicesAreNamedAndHidden() {
    classes()
        .that()
        .resideInAnyPackage(ROLES)
        .and()
        .implement(JavaClass.Predicates.resideInAPackage(D + "application.port.in.."))
        .should()
        .haveSimpleNameEndingWith("Service")
        .andShould()
        .notBePublic()
        .check(classes);
  }

  @Test
  void noImplSuffixes() {
    noClasses().should().haveSimpleNameEndingWith("Impl").check(classes);
  }

  @Test
  void onlyTheLauncherTouchesStandardStreams() {
    noClasses()
        .that(DescribedPredicate.not(JavaClass.Predicates.resideInAPackage(D + "bootstrap..")))
        .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
        .check(classes);
  }

  @Test
  void noGenericExceptionsAreThrown() {
    GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS.check(classes);
  }
}
