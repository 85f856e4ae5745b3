package io.kycvault;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What the native image must keep for reflection: every type Jackson reads or writes (request and
 * response bodies, personal data sealed as JSON, registration messages), and the web3j ABI types
 * its decoder instantiates by name. {@code NativeReflectionTest} fails when a serialised type is
 * missing here.
 */
@RegisterForReflection(
        targets = {
            io.kycvault.api.ApiError.class,
            io.kycvault.shared.FieldError.class,
            io.kycvault.intake.model.PersonalData.class,
            io.kycvault.intake.model.PersonalData.Address.class,
            io.kycvault.review.application.RegistrationRequest.class,
            io.kycvault.review.application.ReadingReviewQueue.Page.class,
            io.kycvault.review.application.ReviewStore.QueueEntry.class,
            io.kycvault.review.application.ReadingReviewQueue.QueueCase.class,
            io.kycvault.casefile.model.AuditRecord.class,
            io.kycvault.audit.model.AuditChain.Problem.class,
            io.kycvault.audit.model.AuditChain.Finding.class,
            io.kycvault.intake.handler.IntakeApiFunction.AddressBody.class,
            io.kycvault.intake.handler.IntakeApiFunction.OpenCaseBody.class,
            io.kycvault.intake.handler.IntakeApiFunction.PresignBody.class,
            io.kycvault.intake.handler.IntakeApiFunction.CaseCreated.class,
            io.kycvault.intake.handler.IntakeApiFunction.CaseView.class,
            io.kycvault.intake.handler.IntakeApiFunction.DocumentView.class,
            io.kycvault.intake.handler.IntakeApiFunction.ResubmissionView.class,
            io.kycvault.intake.handler.IntakeApiFunction.UploadInstructions.class,
            io.kycvault.review.handler.ReviewApiFunction.DecisionBody.class,
            io.kycvault.review.handler.ReviewApiFunction.LeaseView.class,
            io.kycvault.review.handler.ReviewApiFunction.DocumentView.class,
            io.kycvault.review.handler.ReviewApiFunction.VoteView.class,
            io.kycvault.review.handler.ReviewApiFunction.ReviewView.class,
            io.kycvault.review.handler.ReviewApiFunction.LinkView.class,
            io.kycvault.review.handler.ReviewApiFunction.Released.class,
            io.kycvault.review.handler.ReviewApiFunction.PersonalDataView.class,
            io.kycvault.review.handler.ReviewApiFunction.AddressView.class,
            io.kycvault.review.handler.ReviewApiFunction.Decided.class,
            io.kycvault.registry.handler.WalletApiFunction.ChallengeBody.class,
            io.kycvault.registry.handler.WalletApiFunction.ProofBody.class,
            io.kycvault.registry.handler.WalletApiFunction.ChallengeView.class,
            io.kycvault.registry.handler.WalletApiFunction.WalletView.class,
            io.kycvault.audit.handler.AuditApiFunction.AuditView.class,
            io.kycvault.audit.handler.AuditApiFunction.Verification.class,
            io.kycvault.audit.handler.AuditApiFunction.ProblemView.class,
            io.kycvault.audit.handler.AuditApiFunction.RecordView.class,
            io.kycvault.audit.handler.AuditSweepFunction.Summary.class,
            io.kycvault.audit.handler.AuditSweepFunction.Broken.class,
            io.kycvault.lifecycle.handler.ComplianceApiFunction.HoldBody.class,
            io.kycvault.registry.application.RegistrationStore.Parked.class,
            io.kycvault.lifecycle.application.ManagingDataSubjectRights.Export.class,
            io.kycvault.lifecycle.application.ManagingDataSubjectRights.CaseExport.class,
            io.kycvault.lifecycle.application.ManagingDataSubjectRights.DocumentExport.class,
            io.kycvault.lifecycle.application.ManagingDataSubjectRights.DecisionExport.class,
            io.kycvault.lifecycle.application.ManagingDataSubjectRights.HistoryEntry.class,
            io.kycvault.lifecycle.application.ManagingDataSubjectRights.PersonalDataExport.class,
            io.kycvault.lifecycle.application.ManagingDataSubjectRights.AddressExport.class,
            io.kycvault.lifecycle.application.ManagingDataSubjectRights.Erasure.class,
            io.kycvault.lifecycle.application.ManagingRetention.Pending.class,
            io.kycvault.lifecycle.application.RunningLifecycle.Report.class,
        },
        classNames = {
            "org.web3j.abi.datatypes.Address",
            "org.web3j.abi.datatypes.Bool",
            "org.web3j.abi.datatypes.DynamicArray",
            "org.web3j.abi.datatypes.generated.Bytes3",
            "org.web3j.abi.datatypes.generated.Bytes4",
            "org.web3j.abi.datatypes.generated.Bytes32",
            "org.web3j.abi.datatypes.generated.Uint8",
            "org.web3j.abi.datatypes.generated.Uint16",
            "org.web3j.abi.datatypes.generated.Uint32",
            "org.web3j.abi.datatypes.generated.Uint40",
            "org.web3j.abi.datatypes.generated.Uint256",
            "org.web3j.abi.datatypes.generated.StaticArray2",
            "org.web3j.protocol.core.methods.response.TransactionReceipt",
            "org.web3j.protocol.core.methods.response.Log",
            "org.web3j.protocol.core.methods.response.EthLog",
            "org.web3j.protocol.core.methods.response.EthBlock",
            "org.web3j.protocol.core.methods.response.EthBlock$Block",
            "org.web3j.protocol.core.methods.response.Transaction",
        })
public final class NativeReflection {

    private NativeReflection() {
    }
}
