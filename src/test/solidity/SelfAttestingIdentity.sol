// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/**
 * Test only: the ERC-3643 issue #101 case. Not an ONCHAINID: a contract anyone can deploy that answers the one
 * lookup T-REX's IdentityRegistry.isVerified makes on an identity (getClaim) with a claim of the required topic
 * naming itself as issuer, and approves that claim when asked (isClaimValid). No trusted issuer attested anything.
 */
contract SelfAttestingIdentity {

    uint256 internal immutable topic;

    constructor(uint256 _topic) {
        topic = _topic;
    }

    function getClaim(bytes32) external view returns (uint256, uint256, address, bytes memory, bytes memory, string memory) {
        return (topic, 1, address(this), hex"00", hex"00", "");
    }

    function isClaimValid(address, uint256, bytes calldata, bytes calldata) external pure returns (bool) {
        return true;
    }
}
