package dev.chat.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LauncherTest {

    @ParameterizedTest
    @CsvSource({"1.8, 8", "11, 11", "17, 17", "21, 21", "25, 25"})
    void the_running_java_version_is_read_from_its_specification_version(String specification, int feature) {
        assertEquals(feature, Launcher.featureVersion(specification));
    }
}
