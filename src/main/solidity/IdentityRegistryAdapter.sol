// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// The KYCRegistrar views the adapter reads (names and types as in KYCRegistrar.sol).
interface IKYCRegistrarViews {
    function getID(address _addr) external view returns (bytes32);
    function isPermitted(address _addr) external view returns (bool);
    function getInvestor(address _addr) external view returns (bytes32 _id, bool _permitted, uint8 _rating, uint16 _country);
    function getInvestors(address _from, address _to) external view returns (bytes32[2] memory _id, bool[2] memory _permitted,
        uint8[2] memory _rating, uint16[2] memory _country);
}

/**
 * @title IdentityRegistryAdapter
 * @notice A read-only ERC-3643 (T-REX) identity registry, and the ERC-7943 (uRWA) account checks, over a
 *         KYCRegistrar: a T-REX token pointed at it (`Token.setIdentityRegistry(adapter)`) asks the registrar
 *         whom KYC Vault verified, and nothing else.
 *
 * Answers, for a wallet:
 *  - isVerified: the registrar's isPermitted: the wallet is bound to an investor and not restricted, the investor
 *    is registered and not restricted, its rating has not expired, and its approving authority is not restricted.
 *    No claims, no ONCHAINID: the attestation is the registrar record that an owner-appointed authority wrote.
 *  - investorCountry: the registrar's country (ISO 3166-1 numeric, as T-REX uses), 0 when not registered.
 *  - identity: not an ONCHAINID but a stable per-investor value, the low 20 bytes of the registrar's investor
 *    ID, so modules that group wallets by identity see one investor's wallets as one; 0 when not registered.
 *  - contains: the wallet is bound to an investor (restricted or not).
 *  - canSend / canReceive / canTransfer (ERC-7943's questions): the same verdict as isVerified, for each party.
 *
 * Every write of the IIdentityRegistry interface, and any other function (AgentRole, Ownable, ...), reverts
 * with ReadOnlyRegistry(selector): investors are registered, updated and restricted through KYC Vault.
 * Stateless apart from the registrar's address: one deployment serves every token that trusts the registrar.
 */
contract IdentityRegistryAdapter {

    /// A write or an unsupported function of the identity-registry interface; the registrar is the only writer.
    error ReadOnlyRegistry(bytes4 selector);
    /// The constructor was given an address without code.
    error NotARegistrar(address registrar);

    IKYCRegistrarViews public immutable registrar;

    constructor(address _registrar) {
        if (_registrar.code.length == 0) revert NotARegistrar(_registrar);
        registrar = IKYCRegistrarViews(_registrar);
    }

    /* ------------------------------------------------------------------ ERC-3643 IIdentityRegistry: reads */

    function isVerified(address _userAddress) external view returns (bool) {
        return registrar.isPermitted(_userAddress);
    }

    function investorCountry(address _userAddress) external view returns (uint16) {
        try registrar.getInvestor(_userAddress) returns (bytes32, bool, uint8, uint16 country) {
            return country;
        } catch {
            return 0;
        }
    }

    function identity(address _userAddress) external view returns (address) {
        return address(uint160(uint256(registrar.getID(_userAddress))));
    }

    function contains(address _userAddress) external view returns (bool) {
        return registrar.getID(_userAddress) != 0;
    }

    /// No identity storage, claim topics or trusted issuers registry stands behind this registry.
    function identityStorage() external pure returns (address) {
        return address(0);
    }

    function issuersRegistry() external pure returns (address) {
        return address(0);
    }

    function topicsRegistry() external pure returns (address) {
        return address(0);
    }

    /* ------------------------------------------------------------------ ERC-7943 account checks */

    function canSend(address _account) external view returns (bool) {
        return registrar.isPermitted(_account);
    }

    function canReceive(address _account) external view returns (bool) {
        return registrar.isPermitted(_account);
    }

    /// Both parties verified; the amount is the token's business (balances, frozen tokens, limits).
    function canTransfer(address _from, address _to, uint256) external view returns (bool) {
        (, bool[2] memory permitted,,) = registrar.getInvestors(_from, _to);
        return permitted[0] && permitted[1];
    }

    /* ------------------------------------------------------------------ ERC-3643 IIdentityRegistry: writes */

    function registerIdentity(address, address, uint16) external pure {
        revert ReadOnlyRegistry(this.registerIdentity.selector);
    }

    function batchRegisterIdentity(address[] calldata, address[] calldata, uint16[] calldata) external pure {
        revert ReadOnlyRegistry(this.batchRegisterIdentity.selector);
    }

    function deleteIdentity(address) external pure {
        revert ReadOnlyRegistry(this.deleteIdentity.selector);
    }

    function updateCountry(address, uint16) external pure {
        revert ReadOnlyRegistry(this.updateCountry.selector);
    }

    function updateIdentity(address, address) external pure {
        revert ReadOnlyRegistry(this.updateIdentity.selector);
    }

    function setIdentityRegistryStorage(address) external pure {
        revert ReadOnlyRegistry(this.setIdentityRegistryStorage.selector);
    }

    function setClaimTopicsRegistry(address) external pure {
        revert ReadOnlyRegistry(this.setClaimTopicsRegistry.selector);
    }

    function setTrustedIssuersRegistry(address) external pure {
        revert ReadOnlyRegistry(this.setTrustedIssuersRegistry.selector);
    }

    /// Agent and owner management (addAgent, transferOwnership, ...) and anything else: not here.
    fallback() external {
        revert ReadOnlyRegistry(msg.sig);
    }
}
