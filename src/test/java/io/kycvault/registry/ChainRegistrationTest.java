package io.kycvault.registry;

import static io.kycvault.testing.Cases.approve;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kycvault.casefile.application.CaseFiles;
import io.kycvault.casefile.model.AuditRecord;
import io.kycvault.casefile.model.CaseStatus;
import io.kycvault.intake.application.CaseStore;
import io.kycvault.intake.application.PersonalDataCipher;
import io.kycvault.local.LocalChain;
import io.kycvault.local.LocalGateway;
import io.kycvault.local.LocalQueuePollers;
import io.kycvault.registry.application.InvestorIdMinter;
import io.kycvault.registry.application.Registrar;
import io.kycvault.registry.application.RegistrationStore;
import io.kycvault.registry.contract.KYCRegistrar;
import io.kycvault.registry.handler.ChainRegistrationFunction;
import io.kycvault.registry.infrastructure.InvestorIdMinters;
import io.kycvault.registry.infrastructure.RegistrarLocation;
import io.kycvault.registry.infrastructure.Web3Registrar;
import io.kycvault.registry.model.InvestorIdentity;
import io.kycvault.registry.model.Jurisdiction;
import io.kycvault.testing.Api;
import io.kycvault.testing.Cases;
import io.kycvault.testing.Chain;
import io.kycvault.testing.LocalStack;
import io.kycvault.testing.Wallets;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.abi.EventEncoder;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Approved cases onto the registrar: end to end through the queue, and every fault the chain
 * function must survive without losing or doubling a registration.
 */
@QuarkusTest
class ChainRegistrationTest {

    private static final String QUEUE = "kyc-vault-registrations.fifo";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    LocalGateway gateway;
    @Inject
    LocalQueuePollers pollers;
    @Inject
    SqsClient sqs;
    @Inject
    CaseStore store;

    @Inject
    CaseFiles caseFiles;
    @Inject
    PersonalDataCipher cipher;
    @Inject
    InvestorIdMinter minter;
    @Inject
    Registrar registrar;
    @Inject
    RegistrationStore registrations;
    @Inject
    ChainRegistrationFunction function;
    @Inject
    LocalChain localChain;
    @Inject
    RegistrarLocation location;
    @Inject
    software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo;
    @Inject
    io.kycvault.audit.application.IdentifierDigests digests;

    Api api;
    Cases cases;
    Chain chain;
    String expiry = LocalDate.now(ZoneOffset.UTC).plusYears(1).toString();
    final List<String> registeredIds = new ArrayList<>();

    /** Deliveries of each registration message (by message id) by the local event source mapping to the chain function. */
    private static final Map<String, Integer> DELIVERIES = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.concurrent.atomic.AtomicBoolean COUNTING = new java.util.concurrent.atomic.AtomicBoolean();

    @BeforeEach
    void setUp() {
        if (COUNTING.compareAndSet(false, true)) {
            pollers.tapRegistrations(m -> DELIVERIES.merge(m.messageId(), 1, Integer::sum));
        }
        api = new Api(gateway);
        cases = new Cases(api);
        chain = new Chain(LocalStack.ethereumEndpoint());
    }

    @AfterEach
    void resume() {
        chain.automine(true);
        pollers.resume(QUEUE);
        // Every investor these tests registered appears exactly once as NewInvestor.
        for (String id : registeredIds) {
            assertThat(newInvestorEvents(id)).as("NewInvestor events for " + id).isEqualTo(1);
        }
    }

    record Approved(Cases.Opened kycCase, Wallets.Wallet wallet, String message) {
    }

    /** A case approved by two reviewers with the queue paused; its registration message taken off the queue. */
    Approved approvedWithQueuePaused(String name) {
        return approvedWithQueuePaused(name, null);
    }

    Approved approvedWithQueuePaused(String name, Wallets.Wallet alsoProve) {
        return approvedWithQueuePaused(name, alsoProve, Api.personalData("Erika", "Mustermann"));
    }

    Approved approvedWithQueuePaused(String name, Wallets.Wallet alsoProve, Map<String, Object> personalData) {
        pollers.pause(QUEUE);
        Cases.Opened c = cases.open(name, personalData);
        cases.uploadRequiredDocuments(c);
        Wallets.Wallet wallet = Wallets.prove(api, c.token(), c.caseId());
        if (alsoProve != null) {
            Wallets.prove(api, c.token(), c.caseId(), alsoProve);
        }
        assertThat(api.post(c.token(), "/cases/" + c.caseId() + "/submit", (String) null).status()).isEqualTo(200);
        cases.decide(api.token("r1-" + UUID.randomUUID(), "kyc-reviewer"), c.caseId(), approve(8, expiry));
        assertThat(cases.decide(api.token("r2-" + UUID.randomUUID(), "kyc-reviewer"), c.caseId(), approve(8, expiry)).text("status"))
                .isEqualTo("APPROVED");
        return new Approved(c, wallet, take(c.caseId()));
    }

    private String take(String caseId) {
        String url = sqs.getQueueUrl(r -> r.queueName(QUEUE)).queueUrl();
        for (int i = 0; i < 20; i++) {
            for (Message m : sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()) {
                sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));
                if (m.body().contains(caseId)) {
                    return m.body();
                }
            }
        }
        throw new AssertionError("no registration message for " + caseId);
    }

    private SQSBatchResponse invoke(String... bodies) {
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (String body : bodies) {
            SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
            m.setMessageId(UUID.randomUUID().toString());
            m.setBody(body);
            messages.add(m);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        return io.kycvault.local.InvokedFunction.as(io.kycvault.registry.handler.ChainRegistrationFunction.NAME,
                () -> function.handleRequest(event, null));
    }

    private CaseStatus status(String caseId) {
        return caseFiles.find(caseId).orElseThrow().status();
    }

    /** The case item holds the investor ID until the case is purged (the audit holds only its digest). */
    private String investorId(String caseId) {
        var item = dynamo.getItem(r -> r.tableName("kyc-vault-cases").consistentRead(true).key(Map.of(
                "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("CASE#" + caseId),
                "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("CASE")))).item();
        return item.get("investorId").s();
    }

    private long newInvestorEvents(String idHex) {
        String topic = EventEncoder.encode(KYCRegistrar.NEWINVESTOR_EVENT);
        return chain.logs(location.address().orElseThrow()).stream()
                .filter(l -> l.get("topics").get(0).asText().equals(topic) && l.get("topics").get(1).asText().equalsIgnoreCase(idHex))
                .count();
    }

    private KYCRegistrar view() {
        return chain.view(location.address().orElseThrow());
    }

    private void registered(Approved a) {
        assertThat(status(a.kycCase().caseId())).isEqualTo(CaseStatus.REGISTERED);
        registeredIds.add(investorId(a.kycCase().caseId()));
    }

    @Test
    void approvedCaseIsRegisteredThroughTheQueue() throws Exception {
        Cases.Opened c = cases.submitted("e2e");
        String wallet = caseFiles.find(c.caseId()).orElseThrow().wallets().get(0);
        cases.decide(api.token("r1-" + UUID.randomUUID(), "kyc-reviewer"), c.caseId(), approve(7, expiry));
        cases.decide(api.token("r2-" + UUID.randomUUID(), "kyc-reviewer"), c.caseId(), approve(7, expiry));
        for (int i = 0; i < 100 && status(c.caseId()) != CaseStatus.REGISTERED; i++) {
            Cases.sleep(100);
        }
        assertThat(status(c.caseId())).isEqualTo(CaseStatus.REGISTERED);
        AuditRecord registeredRecord = caseFiles.auditTrail(c.caseId()).stream().filter(r -> r.action().equals("INVESTOR_REGISTERED"))
                .findFirst().orElseThrow();
        String id = investorId(c.caseId());
        registeredIds.add(id);
        assertThat(registeredRecord.details().get("txHash")).startsWith("0x");
        // The record outlives the case: it holds keyed digests of the ID and the wallets, never the values.
        assertThat(registeredRecord.details()).doesNotContainKeys("investorId", "wallets")
                .containsEntry("investorIdDigest", digests.investorId(id)).containsEntry("walletDigests", digests.wallet(wallet));
        assertThat(registeredRecord.details().values()).noneSatisfy(v -> assertThat(v.toLowerCase())
                .containsAnyOf(id.substring(2).toLowerCase(), wallet.substring(2).toLowerCase()));
        // The lineage that keeps another applicant off this ID is keyed by the digest, too.
        var lineage = dynamo.getItem(r -> r.tableName("kyc-vault-cases").consistentRead(true).key(Map.of(
                "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("INVESTOR#" + digests.investorId(id)),
                "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("LINEAGE")))).item();
        assertThat(lineage.get("applicantId").s()).isEqualTo(c.applicant());

        var investor = view().getInvestor(wallet).send();
        assertThat(Numeric.toHexString(investor.component1())).isEqualTo(id);
        assertThat(investor.component2()).isTrue();
        assertThat(investor.component3()).isEqualTo(BigInteger.valueOf(7));
        assertThat(investor.component4()).isEqualTo(BigInteger.valueOf(276));
        assertThat(view().getRegion(investor.component1()).send()).isEqualTo(new byte[] {'B', 'E', 0});
        long expires = view().getExpires(investor.component1()).send().longValueExact();
        assertThat(expires).isEqualTo(LocalDate.parse(expiry).plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond());

        String snapshot = chain.snapshot();
        chain.increaseTime(expires - chain.blockTimestamp() + 1);
        assertThat(view().isPermitted(wallet).send()).isFalse();
        chain.revert(snapshot);
        assertThat(view().isPermitted(wallet).send()).isTrue();
    }

    @Test
    void keyedIdsPutNoPersonalDataOnChain() throws Exception {
        Approved a = approvedWithQueuePaused("privacy");
        invoke(a.message());
        registered(a);
        var pd = cipher.open(a.kycCase().caseId(), store.personalData(a.kycCase().caseId()).orElseThrow());
        var identity = new InvestorIdentity(pd.givenNames(), pd.familyName(), pd.dateOfBirth(), pd.taxId());
        byte[] sftId = InvestorIdMinters.sft().mint(identity, 276);
        assertThat(investorId(a.kycCase().caseId())).isNotEqualTo(Numeric.toHexString(sftId));
        // The keyed ID is stable for the person and changes with the country.
        byte[] keyed = minter.mint(identity, 276);
        assertThat(Numeric.toHexString(keyed)).isEqualTo(investorId(a.kycCase().caseId()));
        assertThat(minter.mint(identity, 276)).isEqualTo(keyed);
        assertThat(minter.mint(identity, 250)).isNotEqualTo(keyed);

        List<String> secrets = new ArrayList<>();
        for (String s : List.of(pd.givenNames(), pd.familyName(), pd.taxId(), identity.sftString(), pd.dateOfBirth().toString(),
                pd.dateOfBirth().format(java.time.format.DateTimeFormatter.ofPattern("ddMMyyyy")), pd.address().line1(),
                pd.familyName().toUpperCase())) {
            secrets.add(HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8)));
        }
        secrets.add(HexFormat.of().formatHex(sftId));
        StringBuilder everything = new StringBuilder();
        long head = Long.decode(chain.rpc("eth_blockNumber").asText());
        for (long b = 0; b <= head; b++) {
            JsonNode block = chain.rpc("eth_getBlockByNumber", "0x" + Long.toHexString(b), true);
            block.get("transactions").forEach(tx -> everything.append(tx.get("input").asText()).append('\n'));
        }
        chain.logs(location.address().orElseThrow()).forEach(l -> everything.append(l.toString()).append('\n'));
        String haystack = everything.toString().toLowerCase();
        for (String secret : secrets) {
            assertThat(haystack).as("chain data contains personal data").doesNotContain(secret.toLowerCase());
        }
    }

    @Test
    void duplicateMessagesRegisterOnce() {
        Approved a = approvedWithQueuePaused("duplicate");
        assertThat(invoke(a.message(), a.message()).getBatchItemFailures()).isEmpty();
        assertThat(invoke(a.message()).getBatchItemFailures()).isEmpty();
        registered(a);
        assertThat(caseFiles.auditTrail(a.kycCase().caseId())).filteredOn(r -> r.action().equals("INVESTOR_REGISTERED")).hasSize(1);
    }

    @Test
    void aCrashAfterSendingIsRecognisedFromTheChain() throws Exception {
        Approved a = approvedWithQueuePaused("crash");
        JsonNode m = JSON.readTree(a.message());
        var pd = cipher.open(a.kycCase().caseId(), store.personalData(a.kycCase().caseId()).orElseThrow());
        var j = Jurisdiction.of(pd.countryOfResidence(), pd.region());
        byte[] id = minter.mint(new InvestorIdentity(pd.givenNames(), pd.familyName(), pd.dateOfBirth(), pd.taxId()), j.country());
        // The function sent its transaction and died before recording anything.
        var prepared = registrar.prepareAddInvestors(List.of(new Registrar.Entry(id, j.country(), j.region(), m.get("rating").asInt(),
                m.get("ratingExpiresAt").asLong(), List.of(a.wallet().address()))));
        registrar.send(prepared);
        assertThat(registrar.awaitReceipt(prepared.txHash(), java.time.Duration.ofSeconds(10))).isPresent();
        assertThat(invoke(a.message()).getBatchItemFailures()).isEmpty();
        registered(a);
        AuditRecord record = caseFiles.auditTrail(a.kycCase().caseId()).stream().filter(r -> r.action().equals("INVESTOR_REGISTERED"))
                .findFirst().orElseThrow();
        assertThat(record.details().get("txHash")).isEqualTo(prepared.txHash());
    }

    @Test
    void aNodeRestartLosingThePendingTransaction() {
        Approved a = approvedWithQueuePaused("restart");
        chain.automine(false);
        assertThat(invoke(a.message()).getBatchItemFailures()).hasSize(1);
        assertThat(registrations.pending()).isPresent();
        LocalStack.restartAnvil();
        chain.automine(true);
        assertThat(invoke(a.message()).getBatchItemFailures()).isEmpty();
        registered(a);
        assertThat(registrations.pending()).isEmpty();
    }

    @Test
    void aDroppedTransactionIsSentAgain() {
        Approved a = approvedWithQueuePaused("dropped");
        chain.automine(false);
        assertThat(invoke(a.message()).getBatchItemFailures()).hasSize(1);
        String hash = registrations.pending().orElseThrow().txHash();
        chain.rpc("anvil_dropTransaction", hash);
        chain.automine(true);
        assertThat(invoke(a.message()).getBatchItemFailures()).isEmpty();
        registered(a);
    }

    @Test
    void aReplacedTransactionIsSentAgainWithTheNextNonce() throws Exception {
        Approved a = approvedWithQueuePaused("replaced");
        chain.automine(false);
        assertThat(invoke(a.message()).getBatchItemFailures()).hasSize(1);
        var pending = registrations.pending().orElseThrow();
        Credentials signer = Credentials.create(LocalStack.signerKey());
        RawTransaction replacement = RawTransaction.createEtherTransaction(31337, BigInteger.valueOf(pending.nonce()),
                BigInteger.valueOf(21_000), signer.getAddress(), BigInteger.ZERO, BigInteger.valueOf(50_000_000_000L),
                BigInteger.valueOf(400_000_000_000L));
        chain.rpc("eth_sendRawTransaction", Numeric.toHexString(TransactionEncoder.signMessage(replacement, signer)));
        chain.mine();
        chain.automine(true);
        assertThat(chain.rpc("eth_getTransactionReceipt", pending.txHash()).isNull()).as("our transaction was replaced").isTrue();
        assertThat(invoke(a.message()).getBatchItemFailures()).isEmpty();
        registered(a);
    }

    @Test
    void aNonceGapIsFilledNotWaitedOn() {
        Approved a = approvedWithQueuePaused("gap");
        Credentials signer = Credentials.create(LocalStack.signerKey());
        long next = Long.decode(chain.rpc("eth_getTransactionCount", signer.getAddress(), "latest").asText());
        RawTransaction future = RawTransaction.createEtherTransaction(31337, BigInteger.valueOf(next + 1), BigInteger.valueOf(21_000),
                signer.getAddress(), BigInteger.ZERO, BigInteger.valueOf(1_000_000_000L), BigInteger.valueOf(100_000_000_000L));
        chain.rpc("eth_sendRawTransaction", Numeric.toHexString(TransactionEncoder.signMessage(future, signer)));
        assertThat(invoke(a.message()).getBatchItemFailures()).isEmpty();
        registered(a);
        for (int i = 0; i < 50 && Long.decode(chain.rpc("eth_getTransactionCount", signer.getAddress(), "latest").asText()) < next + 2; i++) {
            Cases.sleep(100);
        }
        assertThat(Long.decode(chain.rpc("eth_getTransactionCount", signer.getAddress(), "latest").asText())).isEqualTo(next + 2);
    }

    /** The race of DESIGN's data-subject rights against the queue: erasure after the approval, before the batch. */
    @Test
    void anErasureRequestAfterApprovalKeepsTheCaseOffTheChain() throws Exception {
        Approved a = approvedWithQueuePaused("erased-after-approval");
        String caseId = a.kycCase().caseId();
        assertThat(api.delete(a.kycCase().token(), "/me").status()).isEqualTo(202);
        assertThat(invoke(a.message()).getBatchItemFailures()).as("parked, not retried").isEmpty();
        assertThat(status(caseId)).isEqualTo(CaseStatus.APPROVED);
        assertThat(registrations.parkedReason(caseId)).contains("PROCESSING_RESTRICTED");
        var pd = cipher.open(caseId, store.personalData(caseId).orElseThrow());
        var j = io.kycvault.registry.model.Jurisdiction.of(pd.countryOfResidence(), pd.region());
        byte[] id = minter.mint(new io.kycvault.registry.model.InvestorIdentity(pd.givenNames(), pd.familyName(), pd.dateOfBirth(),
                pd.taxId()), j.country());
        assertThat(registrar.isRegistered(id)).as("nothing of the applicant reached the chain").isFalse();
        assertThat(caseFiles.auditTrail(caseId)).anySatisfy(r -> {
            assertThat(r.action()).isEqualTo("REGISTRATION_PARKED");
            assertThat(r.details()).containsEntry("reason", "PROCESSING_RESTRICTED");
        });
    }

    /**
     * Two applicants whose identities encode alike (here: the same data, as a crafted collision would):
     * the second is parked, and the first investor's record and bindings stay as they were.
     */
    @Test
    void anIdRegisteredForAnotherApplicantIsParkedNotTakenOver() throws Exception {
        Map<String, Object> twin = new java.util.HashMap<>(Api.personalData("Erika", "Mustermann"));
        twin.put("taxId", "DE-" + UUID.randomUUID().toString().substring(0, 8));
        Approved first = approvedWithQueuePaused("twin-a", null, twin);
        assertThat(invoke(first.message()).getBatchItemFailures()).isEmpty();
        registered(first);
        byte[] id = Numeric.hexStringToByteArray(investorId(first.kycCase().caseId()));
        var before = registrar.investor(id).orElseThrow();
        Approved second = approvedWithQueuePaused("twin-b", null, twin);
        assertThat(invoke(second.message()).getBatchItemFailures()).as("parked, not retried").isEmpty();
        assertThat(status(second.kycCase().caseId())).isEqualTo(CaseStatus.APPROVED);
        assertThat(registrations.parkedReason(second.kycCase().caseId())).contains("INVESTOR_ID_OF_ANOTHER_APPLICANT");
        // Compliance officers see it among the registrations parked for a decision, with its reason code; nobody else does.
        Api.Response parked = api.get(api.token("pia-" + UUID.randomUUID(), "kyc-compliance"), "/compliance/registrations/parked");
        assertThat(parked.status()).as(parked.body()).isEqualTo(200);
        JsonNode entry = null;
        for (JsonNode p : parked.json().get("cases")) {
            if (second.kycCase().caseId().equals(p.get("caseId").asText())) {
                entry = p;
            }
            assertThat(p.get("caseId").asText()).isNotEqualTo(first.kycCase().caseId());
        }
        assertThat(entry).as(parked.body()).isNotNull();
        assertThat(entry.get("reasonCode").asText()).isEqualTo("INVESTOR_ID_OF_ANOTHER_APPLICANT");
        assertThat(entry.get("status").asText()).isEqualTo("APPROVED");
        Api.assertCode(api.get(api.token("rex-" + UUID.randomUUID(), "kyc-reviewer"), "/compliance/registrations/parked"), 403,
                "NOT_COMPLIANCE");
        assertThat(registrar.unbound(id, List.of(second.wallet().address()))).as("the second wallet is not bound").hasSize(1);
        assertThat(registrar.unbound(id, List.of(first.wallet().address()))).as("the first wallet still is").isEmpty();
        var after = registrar.investor(id).orElseThrow();
        assertThat(after.rating()).isEqualTo(before.rating());
        assertThat(after.expires()).isEqualTo(before.expires());
    }

    /**
     * The same person applying again under another spelling of the name (same birth date, tax ID and
     * country): flagged for a compliance decision, never registered as a second investor.
     */
    @Test
    void anotherSpellingOfARegisteredPersonIsParkedAsAPossibleSecondIdentity() throws Exception {
        String tax = "DE-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> anna = new java.util.HashMap<>(Api.personalData("Anna", "Meyer"));
        anna.put("taxId", tax);
        Map<String, Object> anya = new java.util.HashMap<>(Api.personalData("Anya", "Meier"));
        anya.put("taxId", tax);
        Approved first = approvedWithQueuePaused("spelling-a", null, anna);
        assertThat(invoke(first.message()).getBatchItemFailures()).isEmpty();
        registered(first);
        Approved second = approvedWithQueuePaused("spelling-b", null, anya);
        assertThat(invoke(second.message()).getBatchItemFailures()).as("parked, not retried").isEmpty();
        assertThat(status(second.kycCase().caseId())).isEqualTo(CaseStatus.APPROVED);
        assertThat(registrations.parkedReason(second.kycCase().caseId())).contains("POSSIBLE_SECOND_IDENTITY");
        var pd = cipher.open(second.kycCase().caseId(), store.personalData(second.kycCase().caseId()).orElseThrow());
        byte[] secondId = minter.mint(new io.kycvault.registry.model.InvestorIdentity(pd.givenNames(), pd.familyName(),
                pd.dateOfBirth(), pd.taxId()), 276);
        assertThat(registrar.isRegistered(secondId)).as("no second investor").isFalse();
    }

    /** A node restarted empty (or another chain) answers "not registered" forever: the batch is parked, nothing sent. */
    @Test
    void aRegistrarWithoutCodeParksTheBatchInsteadOfRetryingForever() throws Exception {
        Approved a = approvedWithQueuePaused("reset-chain");
        String caseId = a.kycCase().caseId();
        String address = location.address().orElseThrow();
        String code = chain.rpc("eth_getCode", address, "latest").asText();
        chain.rpc("anvil_setCode", address, "0x");
        try {
            assertThat(invoke(a.message()).getBatchItemFailures()).as("parked, not retried").isEmpty();
            assertThat(status(caseId)).isEqualTo(CaseStatus.APPROVED);
            assertThat(registrations.parkedReason(caseId)).contains("REGISTRAR_MISSING");
            assertThat(caseFiles.auditTrail(caseId)).anySatisfy(r -> assertThat(r.details()).containsEntry("reason", "REGISTRAR_MISSING"));
        } finally {
            chain.rpc("anvil_setCode", address, code);
        }
    }

    @Test
    void aPermanentRefusalParksTheCaseWithItsReason() throws Exception {
        Approved a = approvedWithQueuePaused("refused");
        var deployed = localChain.deployed();
        byte[] authority = Numeric.hexStringToByteArray(deployed.authorityId());
        ownerVote(r -> r.setAuthorityCountries(authority, List.of(BigInteger.valueOf(276)), false));
        try {
            assertThat(invoke(a.message()).getBatchItemFailures()).as("a parked case is not retried").isEmpty();
            assertThat(status(a.kycCase().caseId())).isEqualTo(CaseStatus.APPROVED);
            assertThat(registrations.parkedReason(a.kycCase().caseId())).contains("CountryNotPermitted");
            assertThat(caseFiles.auditTrail(a.kycCase().caseId())).anySatisfy(r -> {
                assertThat(r.action()).isEqualTo("REGISTRATION_PARKED");
                assertThat(r.details()).containsEntry("reason", "CountryNotPermitted");
            });
        } finally {
            ownerVote(r -> r.setAuthorityCountries(authority, List.of(BigInteger.valueOf(276)), true));
        }
    }

    @Test
    void aSuccessReceiptWithoutNewInvestorIsNotDone() throws Exception {
        Approved a = approvedWithQueuePaused("no-event");
        var deployed = localChain.deployed();
        byte[] authority = Numeric.hexStringToByteArray(deployed.authorityId());
        Web3Registrar web3 = (Web3Registrar) unwrap(registrar);
        String second = Wallets.create().address();
        var add = web3.prepare(view().registerAddresses(authority, List.of(second)).encodeFunctionCall());
        web3.send(add);
        assertThat(web3.awaitReceipt(add.txHash(), java.time.Duration.ofSeconds(10))).isPresent();
        ownerVote(r -> r.setAuthorityThreshold(authority, BigInteger.TWO));
        try {
            assertThat(invoke(a.message()).getBatchItemFailures()).as("below the threshold: vote recorded, not registered").hasSize(1);
            assertThat(status(a.kycCase().caseId())).isEqualTo(CaseStatus.APPROVED);
        } finally {
            ownerVote(r -> r.setAuthorityThreshold(authority, BigInteger.ONE));
        }
        assertThat(invoke(a.message()).getBatchItemFailures()).isEmpty();
        registered(a);
    }

    @Test
    void aMalformedMessageFailsItselfAndTheRestOfTheBatchAndARefusedInvestorIsParkedAlone() throws Exception {
        Approved first = approvedWithQueuePaused("batch-a");
        Approved second = approvedWithQueuePaused("batch-b");
        SQSBatchResponse response = invoke(first.message(), "{\"not\":\"a registration\"}", second.message());
        assertThat(response.getBatchItemFailures()).as("the malformed message and everything after it (FIFO)").hasSize(2);
        registered(first);
        assertThat(status(second.kycCase().caseId())).isEqualTo(CaseStatus.APPROVED);
        // One investor of a batch refused for good — it claims a wallet that is already another
        // investor's — is parked with the contract's reason; the rest of the batch registers.
        Approved third = approvedWithQueuePaused("batch-c", first.wallet());
        assertThat(invoke(second.message(), third.message()).getBatchItemFailures()).isEmpty();
        registered(second);
        assertThat(status(third.kycCase().caseId())).isEqualTo(CaseStatus.APPROVED);
        assertThat(registrations.parkedReason(third.kycCase().caseId())).contains("AddressRegistered");
    }

    /** Cases approved while the queue is paused; their registration messages stay in the queue. */
    private List<Cases.Opened> approvedInQueue(String name, int count) {
        pollers.pause(QUEUE);
        // The applicants prepare their cases side by side (uploads, scans and wallet proofs wait on the
        // pipeline, not on each other) and two reviewers approve each as soon as it is submitted; the
        // queue holds the cases in the order of their approvals.
        List<java.util.concurrent.Future<Cases.Opened>> approved = new ArrayList<>();
        java.util.concurrent.ExecutorService applicants = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            for (int i = 0; i < count; i++) {
                String applicant = name + i;
                approved.add(applicants.submit(() -> {
                    Cases.Opened c = cases.open(applicant, Api.personalData("Erika", "Mustermann"));
                    cases.uploadRequiredDocuments(c);
                    Wallets.prove(api, c.token(), c.caseId());
                    assertThat(api.post(c.token(), "/cases/" + c.caseId() + "/submit", (String) null).status()).isEqualTo(200);
                    Api.Response first = cases.decide(api.token("r1-" + UUID.randomUUID(), "kyc-reviewer"), c.caseId(), approve(8, expiry));
                    assertThat(first.status()).as(first.body()).isEqualTo(200);
                    assertThat(cases.decide(api.token("r2-" + UUID.randomUUID(), "kyc-reviewer"), c.caseId(), approve(8, expiry))
                            .text("status")).isEqualTo("APPROVED");
                    return c;
                }));
            }
        } finally {
            applicants.shutdown();
        }
        List<Cases.Opened> opened = new ArrayList<>();
        for (var future : approved) {
            try {
                opened.add(future.get(120, java.util.concurrent.TimeUnit.SECONDS));
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof Error error ? error : new AssertionError(e.getCause());
            } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
                throw new AssertionError(e);
            }
        }
        return opened;
    }

    private int deadLetters() {
        String url = sqs.getQueueUrl(r -> r.queueName("kyc-vault-registrations-dlq.fifo")).queueUrl();
        var attributes = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(
                software.amazon.awssdk.services.sqs.model.QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                software.amazon.awssdk.services.sqs.model.QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return attributes.values().stream().mapToInt(Integer::parseInt).sum();
    }

    /** Polls until every case left APPROVED or was parked, or the deadline passes; returns the seconds taken. */
    private double awaitSettled(List<Cases.Opened> opened, java.time.Duration deadline) {
        long start = System.nanoTime();
        long end = start + deadline.toNanos();
        while (System.nanoTime() < end) {
            boolean settled = opened.stream().allMatch(c -> status(c.caseId()) == CaseStatus.REGISTERED
                    || registrations.parkedReason(c.caseId()).isPresent());
            if (settled) {
                break;
            }
            Cases.sleep(250);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    @Test
    void onePoisonedCaseAmongThirtyIsParkedWhileTheOtherTwentyNineRegister() {
        List<Cases.Opened> opened = approvedInQueue("poison-", 30);
        Cases.Opened poisoned = opened.get(14);
        // Its sealed personal data no longer opens (bit rot, or a writer who should not have): the
        // registration cannot even be prepared, every time.
        dynamo.updateItem(r -> r.tableName("kyc-vault-cases")
                .key(Map.of("pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("CASE#" + poisoned.caseId()),
                        "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("CASE")))
                .updateExpression("SET pdCiphertext = :junk")
                .expressionAttributeValues(Map.of(":junk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromB(
                        software.amazon.awssdk.core.SdkBytes.fromUtf8String("not a ciphertext")))));
        pollers.resume(QUEUE);

        awaitSettled(opened, java.time.Duration.ofSeconds(90));

        for (Cases.Opened c : opened) {
            if (c == poisoned) {
                assertThat(status(c.caseId())).isEqualTo(CaseStatus.APPROVED);
                assertThat(registrations.parkedReason(c.caseId())).contains("REGISTRATION_NOT_PREPARED");
            } else {
                assertThat(status(c.caseId())).as("case %s", c.caseId()).isEqualTo(CaseStatus.REGISTERED);
                registeredIds.add(investorId(c.caseId()));
            }
        }
        assertThat(registeredIds).hasSize(29).doesNotHaveDuplicates();
        assertThat(deadLetters()).as("messages in the dead-letter queue").isZero();
    }

    @Test
    void aNodeKilledDuringABatchAndRestartedWithItsStateRegistersEveryCaseWithinAMinute() {
        List<Cases.Opened> opened = approvedInQueue("outage-", 3);
        chain.automine(false);
        pollers.resume(QUEUE);
        // The batch is signed, recorded as pending and sent; it waits in the node's mempool.
        for (int i = 0; i < 80 && registrations.pending().isEmpty(); i++) {
            Cases.sleep(250);
        }
        assertThat(registrations.pending()).as("a transaction in flight").isPresent();
        Map<String, Integer> before = Map.copyOf(DELIVERIES);
        LocalStack.stopAnvil();
        // The function meets the dead node (connection refused) and is retried with backoff: a message
        // of the batch delivered twice more while the node is down.
        java.util.function.IntSupplier redelivered = () -> DELIVERIES.entrySet().stream()
                .mapToInt(e -> e.getValue() - before.getOrDefault(e.getKey(), 0)).max().orElse(0);
        for (int i = 0; i < 300 && redelivered.getAsInt() < 2; i++) {
            Cases.sleep(100);
        }
        assertThat(redelivered.getAsInt()).as("deliveries of a message while the node was down").isGreaterThanOrEqualTo(2);
        assertThat(opened).allSatisfy(c -> assertThat(status(c.caseId())).isEqualTo(CaseStatus.APPROVED));
        LocalStack.startAnvil();

        double seconds = awaitSettled(opened, java.time.Duration.ofSeconds(90));

        System.out.printf("node outage: %d cases registered %.1f s after the node answered again%n", opened.size(), seconds);
        assertThat(seconds).as("seconds from the node answering to every case registered").isLessThanOrEqualTo(60);
        for (Cases.Opened c : opened) {
            assertThat(status(c.caseId())).isEqualTo(CaseStatus.REGISTERED);
            registeredIds.add(investorId(c.caseId()));
        }
        assertThat(registrations.pending()).isEmpty();
    }

    @Test
    void aNodeRestartedEmptyParksTheBatchWithTheAlarmLine() {
        List<Cases.Opened> opened = approvedInQueue("empty-chain-", 2);
        io.kycvault.testing.AlarmLines alarms = io.kycvault.testing.AlarmLines.capture();
        LocalStack.stopAnvil();
        LocalStack.startEmptyAnvil();
        try {
            pollers.resume(QUEUE);
            double seconds = awaitSettled(opened, java.time.Duration.ofSeconds(90));
            assertThat(seconds).isLessThanOrEqualTo(60);
            for (Cases.Opened c : opened) {
                assertThat(status(c.caseId())).isEqualTo(CaseStatus.APPROVED);
                assertThat(registrations.parkedReason(c.caseId())).contains("REGISTRAR_MISSING");
            }
            assertThat(alarms.lines()).anySatisfy(line -> assertThat(line).contains("registrar unusable").contains("REGISTRAR_MISSING"));
            assertThat(chain.rpc("eth_getLogs", Map.of("fromBlock", "0x0", "toBlock", "latest")).size())
                    .as("nothing written to the empty chain").isZero();
        } finally {
            alarms.close();
            pollers.pause(QUEUE);
            LocalStack.stopAnvil();
            LocalStack.startAnvil();
        }
        assertThat(opened).allSatisfy(c -> assertThat(newInvestorEvents(investorIdOf(c.caseId()))).isZero());
    }

    private String investorIdOf(String caseId) {
        var pd = cipher.open(caseId, store.personalData(caseId).orElseThrow());
        var j = Jurisdiction.of(pd.countryOfResidence(), pd.region());
        return Numeric.toHexString(minter.mint(new InvestorIdentity(pd.givenNames(), pd.familyName(), pd.dateOfBirth(), pd.taxId()),
                j.country()));
    }

    interface OwnerCall {
        org.web3j.protocol.core.RemoteFunctionCall<?> on(KYCRegistrar r);
    }

    private void ownerVote(OwnerCall call) throws Exception {
        var deployed = localChain.deployed();
        for (int i = 0; i < deployed.threshold(); i++) {
            call.on(chain.as(deployed.registrar(), deployed.owners().get(i))).send();
        }
    }

    private static Object unwrap(Object bean) {
        return bean instanceof io.quarkus.arc.ClientProxy proxy ? proxy.arc_contextualInstance() : bean;
    }
}
