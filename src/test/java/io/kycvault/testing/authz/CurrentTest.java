package io.kycvault.testing.authz;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Tells the call recorder which test is running (auto-detected for every test class), so the
 * authorization matrix can say which test exercised each granted action.
 */
public class CurrentTest implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        System.setProperty(AwsCallRecorder.TEST_PROPERTY, context.getRequiredTestClass().getSimpleName());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        System.setProperty(AwsCallRecorder.TEST_PROPERTY,
                context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        System.setProperty(AwsCallRecorder.TEST_PROPERTY, context.getRequiredTestClass().getSimpleName());
    }
}
