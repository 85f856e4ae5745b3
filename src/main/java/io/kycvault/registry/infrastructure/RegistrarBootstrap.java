package io.kycvault.registry.infrastructure;

import io.kycvault.registry.contract.KYCRegistrar;
import io.kycvault.registry.model.Jurisdiction;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import org.jboss.logging.Logger;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.ClientTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.StaticEIP1559GasProvider;
import org.web3j.utils.Convert;

/**
 * Deploys a registrar with an M-of-N owner multisig, appoints the pipeline's signer as an authority
 * (threshold 1) for the configured countries — which takes M owner votes — and funds the signer.
 * The owners here are accounts the node holds unlocked (anvil's); on a testnet each owner sends
 * the same calls from their own wallet (README, operator guide).
 */
public final class RegistrarBootstrap {

    private static final Logger LOG = Logger.getLogger(RegistrarBootstrap.class);

    public record Deployed(String registrar, List<String> owners, int threshold, String authority, String authorityId) {
    }

    private RegistrarBootstrap() {
    }

    public static Deployed deploy(Web3j web3j, long chainId, List<String> owners, int threshold, String pipelineSigner,
            List<String> countries, BigInteger fundingWei) throws Exception {
        ContractGasProvider gas = new StaticEIP1559GasProvider(chainId, BigInteger.valueOf(30_000_000_000L),
                BigInteger.valueOf(1_000_000_000L), BigInteger.valueOf(6_000_000));
        TransactionManager first = new ClientTransactionManager(web3j, owners.get(0), 600, 50);
        KYCRegistrar registrar = KYCRegistrar.deploy(web3j, first, gas, owners, BigInteger.valueOf(threshold)).send();
        List<BigInteger> numeric = countries.stream().map(c -> BigInteger.valueOf(Jurisdiction.of(c, null).country())).toList();
        for (int i = 0; i < threshold; i++) {
            KYCRegistrar asOwner = KYCRegistrar.load(registrar.getContractAddress(), web3j,
                    new ClientTransactionManager(web3j, owners.get(i), 600, 50), gas);
            TransactionReceipt receipt = asOwner.addAuthority(List.of(pipelineSigner), numeric, BigInteger.ONE).send();
            requireSuccess(receipt, "addAuthority vote " + (i + 1));
        }
        byte[] authorityId = KYCRegistrar.load(registrar.getContractAddress(), web3j, first, gas).getAuthorityID(pipelineSigner).send();
        if (new BigInteger(1, authorityId).signum() == 0) {
            throw new IllegalStateException("the pipeline signer did not become an authority");
        }
        if (fundingWei.signum() > 0) {
            var funded = web3j.ethSendTransaction(Transaction.createEtherTransaction(owners.get(0), null, null, null,
                    pipelineSigner, fundingWei)).send();
            if (funded.hasError()) {
                throw new IllegalStateException("funding failed: " + funded.getError().getMessage());
            }
        }
        LOG.infof("KYCRegistrar deployed at %s (owners %s, %d-of-%d); pipeline authority %s funded with %s ETH",
                registrar.getContractAddress(), owners, threshold, owners.size(), pipelineSigner,
                Convert.fromWei(fundingWei.toString(), Convert.Unit.ETHER));
        return new Deployed(registrar.getContractAddress(), owners, threshold, pipelineSigner,
                org.web3j.utils.Numeric.toHexString(authorityId));
    }

    private static void requireSuccess(TransactionReceipt receipt, String what) throws IOException {
        if (!receipt.isStatusOK()) {
            throw new IOException(what + " failed: " + receipt.getRevertReason());
        }
    }
}
