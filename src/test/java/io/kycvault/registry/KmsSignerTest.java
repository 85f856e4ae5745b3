package io.kycvault.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kycvault.registry.infrastructure.DigestTransactionSigner;
import io.kycvault.registry.infrastructure.KmsDigestSigner;
import io.kycvault.testing.LocalStack;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SignRequest;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/**
 * What can be proved about the KMS signer on an emulator: the public key of a real
 * {@code ECC_SECG_P256K1} KMS key (DER SubjectPublicKeyInfo from GetPublicKey) parses to an Ethereum
 * address, and the Sign request asks for {@code MessageType=DIGEST} over the keccak digest. moto
 * ignores DIGEST and hashes the message again, so its signature cannot recover to the key — which
 * this test also pins down, so the day an emulator gets it right the README is updated.
 */
@QuarkusTest
class KmsSignerTest {

    @Test
    void signsTheKeccakDigestAsADigestWithTheKmsKey() {
        List<SignRequest> requests = new ArrayList<>();
        KmsClient kms = KmsClient.builder()
                .endpointOverride(URI.create(LocalStack.motoEndpoint()))
                .region(Region.EU_CENTRAL_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if (context.request() instanceof SignRequest sign) {
                            requests.add(sign);
                        }
                    }
                }))
                .build();
        String keyId = kms.createKey(r -> r.keySpec(KeySpec.ECC_SECG_P256_K1).keyUsage(KeyUsageType.SIGN_VERIFY)).keyMetadata().keyId();
        KmsDigestSigner kmsSigner = new KmsDigestSigner(kms, keyId);
        DigestTransactionSigner signer = new DigestTransactionSigner(kmsSigner);
        assertThat(signer.getAddress()).matches("0x[0-9a-fA-F]{40}");

        byte[] digest = Hash.sha3("a transaction".getBytes());
        assertThatThrownBy(() -> signer.signatureFor(digest)).hasMessageContaining("does not recover");
        assertThat(requests).hasSize(1);
        SignRequest sent = requests.get(0);
        assertThat(sent.messageType()).isEqualTo(MessageType.DIGEST);
        assertThat(sent.signingAlgorithm()).isEqualTo(SigningAlgorithmSpec.ECDSA_SHA_256);
        assertThat(sent.message().asByteArray()).isEqualTo(digest);
        assertThat(sent.keyId()).isEqualTo(keyId);
    }
}
