package dev.chat.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The hexagon's rules, for any code laid out as {@code <root>.domain}, {@code <root>.hub},
 * {@code <root>.adapter.<technology>} and {@code <root>.app}. Taking the root as a parameter lets the same rules be
 * run against deliberately broken code, to prove each one can fail.
 */
final class HexagonRules {

    static final String[] TRANSPORT = {"io.javalin..", "org.eclipse.jetty..", "jakarta.servlet..", "javax.servlet.."};

    private HexagonRules() {}

    static ArchRule domainDependsOnTheJdkOnly(String root) {
        return classes().that().resideInAPackage(root + ".domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(root + ".domain..", "java..")
                .because("the domain is plain Java that any adapter and any host can use");
    }

    static ArchRule hubDependsOnTheDomainAndTheJdkOnly(String root) {
        return classes().that().resideInAPackage(root + ".hub..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage(root + ".hub..", root + ".domain..", "java..")
                .because("the hub is embedded in applications that bring their own transport");
    }

    static ArchRule coreNeverTouchesTransport(String root) {
        return noClasses().that().resideInAnyPackage(root + ".domain..", root + ".hub..")
                .should().dependOnClassesThat().resideInAnyPackage(TRANSPORT)
                .because("Javalin, Jetty and servlets belong in adapters");
    }

    static ArchRule onlyTheAppDependsOnAdapters(String root) {
        return noClasses().that().resideOutsideOfPackages(root + ".app..", root + ".adapter..")
                .should().dependOnClassesThat().resideInAPackage(root + ".adapter..")
                .because("adapters are plugged in by the application, never called by the core");
    }

    static ArchRule adaptersUseThePortsNotTheHub(String root) {
        return noClasses().that().resideInAnyPackage(root + ".adapter..", root + ".sql..")
                .should().dependOnClassesThat().resideInAPackage(root + ".hub..")
                .because("an adapter talks to the ChatHub port, so any hub implementation can sit behind it");
    }

    /** {@code <root>.sql} is what the SQL adapters share: for them and the application, never for the core. */
    static ArchRule onlyAdaptersAndTheAppUseTheSharedSql(String root) {
        return noClasses().that().resideOutsideOfPackages(root + ".app..", root + ".adapter..", root + ".sql..")
                .should().dependOnClassesThat().resideInAPackage(root + ".sql..")
                .because("the SQL the stores share is adapter code, which the core never calls");
    }

    static ArchRule adaptersAreIndependent(String root) {
        return slices().matching(root + ".adapter.(*)..").should().notDependOnEachOther()
                .because("swapping one adapter must not break another");
    }

    static ArchRule noPackageCycles(String root) {
        return slices().matching(root + ".(**)").should().beFreeOfCycles();
    }
}
