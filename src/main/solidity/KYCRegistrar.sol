// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/**
 * @title KYCRegistrar
 * @notice Registry of investors (ID hash, country, region, rating, rating expiry) and the addresses
 *         they control, kept by authorities that an owner multisig appoints per country. Interface
 *         and semantics follow the SFT Protocol's KYCRegistrar so issuers built for it work unchanged.
 *
 * Improvements over the SFT original (Solidity 0.4.25):
 *  - addInvestors: a batch, one multisig vote for the whole batch, one NewInvestor per investor;
 *  - custom errors instead of revert strings; countries checked to 1-999;
 *  - RegisteredAddresses / RestrictedAddresses emitted once per wallet with the wallet indexed;
 *  - the investor record packed into one storage slot (authority by index, not by 32-byte ID);
 *  - addInvestors takes two words per investor (ID, and one packed word for the rest; layout there)
 *    instead of seven, and writes each investor record with one SSTORE;
 *  - one cold read per wallet tells whether it is free: owner and authority addresses are marked in
 *    the investor address table too;
 *  - votes can be revoked (revokeCall) before a call reaches its threshold.
 */
contract KYCRegistrar {

    /* ------------------------------------------------------------------ storage */

    /// One slot: 3 + 2 + 1 + 5 + 1 + 4 = 16 bytes. country == 0 means "not registered". Its first 88 bits
    /// (region to expires) are what addInvestors' packed word carries; _addInvestor writes the slot whole.
    struct Investor {
        bytes3 region;
        uint16 country;
        uint8 rating;
        uint40 expires;
        bool restricted;
        uint32 authority;
    }

    /// One slot; _newAuthority writes it whole.
    struct Authority {
        uint32 index;
        uint32 multiSigThreshold;
        uint32 addressCount;
        bool restricted;
    }

    struct AddressRecord {
        bytes32 id;
        bool restricted;
    }

    bytes32 public immutable ownerID;

    mapping(bytes32 => Investor) internal investorData;
    /// Investor addresses; an owner or authority address holds AUTHORITY_ADDRESS here (its authority is in
    /// authorityOf), so one read tells whether an address is free. A binding is never deleted, only restricted.
    mapping(address => AddressRecord) internal investorAddress;
    mapping(bytes32 => Authority) internal authorityData;
    /// Authorities by index, from 1; index 0 is the owner (ownerID).
    mapping(uint32 => bytes32) internal authorityByIndex;
    mapping(bytes32 => mapping(uint16 => bool)) internal authorityCountries;
    /// Owner and authority addresses.
    mapping(address => bytes32) internal authorityOf;
    mapping(address => bool) internal authorityAddressRestricted;
    /// Votes per (authority ID, vote epoch, calldata hash): each the voter (low 160 bits) and when (above).
    mapping(bytes32 => uint256[]) internal votes;
    /// Bumped when an authority's voters or threshold change: every vote cast before dies with it, so a
    /// vote of a voter since restricted can never complete a call.
    mapping(bytes32 => uint64) public voteEpoch;
    /// A vote older than this no longer counts (the call must be voted again).
    uint40 public constant VOTE_LIFETIME = 7 days;
    /// investorData's country for an ID taken by an authority: investor and authority IDs stay disjoint
    /// at no cost to investor writes (the existing "investor exists" check refuses it).
    uint16 internal constant RESERVED = type(uint16).max;
    /// The bits of an Investor slot below `restricted`: region, country, rating, expires.
    uint256 internal constant RECORD_BITS = (1 << 88) - 1;
    /// investorAddress's ID for an owner or authority address; never an investor ID (IDTaken).
    bytes32 internal constant AUTHORITY_ADDRESS = bytes32(uint256(1));
    /// Authorities added by the owners (the last index given).
    uint32 internal authorityCount;

    /* ------------------------------------------------------------------ events */

    event NewInvestor(bytes32 indexed id, uint16 indexed country, bytes3 region, uint8 rating, uint40 expires,
        bytes32 indexed authority);
    event UpdatedInvestor(bytes32 indexed id, bytes3 region, uint8 rating, uint40 expires, bytes32 indexed authority);
    event InvestorRestriction(bytes32 indexed id, bool restricted, bytes32 indexed authority);
    event RegisteredAddresses(bytes32 indexed id, address indexed addr, bytes32 indexed authority);
    event RestrictedAddresses(bytes32 indexed id, address indexed addr, bytes32 indexed authority);
    event NewAuthority(bytes32 indexed id);
    event AuthorityRestriction(bytes32 indexed id, bool restricted);
    event MultiSigCall(bytes32 indexed id, bytes4 indexed callSignature, bytes32 indexed callHash, address caller,
        uint256 callCount, uint256 threshold);
    event MultiSigCallApproved(bytes32 indexed id, bytes4 indexed callSignature, bytes32 indexed callHash, address caller);
    event MultiSigCallRevoked(bytes32 indexed id, bytes32 indexed callHash, address caller);
    event VotesVoided(bytes32 indexed id, uint64 epoch);
    event AuthorityCountries(bytes32 indexed id, uint16[] countries, bool permitted);
    event AuthorityThreshold(bytes32 indexed id, uint32 threshold);
    event InvestorAuthority(bytes32 indexed id, bytes32 indexed authority);

    /* ------------------------------------------------------------------ errors */

    error NotAuthority(address caller);
    error NotOwner(address caller);
    error AuthorityRestricted(bytes32 authority);
    error UnknownAuthority(bytes32 authority);
    error AuthorityExists(bytes32 authority);
    error CountryNotPermitted(bytes32 authority, uint16 country);
    error InvalidCountry(uint16 country);
    error InvalidThreshold(uint32 threshold, uint32 addresses);
    error InvalidRating();
    error ZeroID();
    error EmptyArray();
    error LengthMismatch();
    error InvestorExists(bytes32 id);
    error UnknownInvestor(bytes32 id);
    error AddressRegistered(address addr, bytes32 id);
    error AddressNotRegistered(address addr);
    error RepeatCall(bytes32 callHash, address caller);
    error NoVote(bytes32 callHash, address caller);
    error ZeroAddress();
    error IDTaken(bytes32 id);
    error MalformedInvestor(bytes32 id);

    /* ------------------------------------------------------------------ construction */

    /// @param _owners owner addresses; @param _threshold owner signatures needed per call
    constructor(address[] memory _owners, uint32 _threshold) {
        if (_owners.length == 0) revert EmptyArray();
        if (_threshold == 0 || _threshold > _owners.length) revert InvalidThreshold(_threshold, uint32(_owners.length));
        bytes32 id = keccak256(abi.encodePacked(address(this)));
        ownerID = id;
        _newAuthority(id, 0, _threshold, _owners.length);
        for (uint256 i = 0; i < _owners.length; i++) {
            if (_owners[i] == address(0)) revert ZeroAddress();
            if (authorityOf[_owners[i]] != 0) revert AddressRegistered(_owners[i], id);
            authorityOf[_owners[i]] = id;
            investorAddress[_owners[i]].id = AUTHORITY_ADDRESS;
        }
        investorData[id].country = RESERVED;
    }

    /* ------------------------------------------------------------------ multisig */

    /**
     * Records the caller's vote for this exact calldata and tells whether the threshold is reached.
     * A repeat voter is refused before the threshold is tested; below the threshold the vote is
     * recorded and false returned without reverting.
     */
    function _checkMultiSig(bytes32 _id, uint32 _threshold) internal returns (bool) {
        if (_threshold == 1) {
            return true;
        }
        bytes32 callHash = keccak256(msg.data);
        bytes32 key = _voteKey(_id, callHash);
        uint256[] storage pending = votes[key];
        // Expired votes are dropped as they are met; a live vote by the caller is a repeat.
        uint256 i = 0;
        while (i < pending.length) {
            uint256 vote = pending[i];
            if ((vote >> 160) + VOTE_LIFETIME < block.timestamp) {
                _dropVote(pending, i);
                continue;
            }
            if (address(uint160(vote)) == msg.sender) revert RepeatCall(callHash, msg.sender);
            i++;
        }
        if (pending.length + 1 < _threshold) {
            pending.push(uint256(uint160(msg.sender)) | (block.timestamp << 160));
            emit MultiSigCall(_id, msg.sig, callHash, msg.sender, pending.length, _threshold);
            return false;
        }
        delete votes[key];
        emit MultiSigCallApproved(_id, msg.sig, callHash, msg.sender);
        return true;
    }

    /// Removes vote _i (the last one takes its place).
    function _dropVote(uint256[] storage _pending, uint256 _i) internal {
        _pending[_i] = _pending[_pending.length - 1];
        _pending.pop();
    }

    function _voteKey(bytes32 _id, bytes32 _callHash) internal view returns (bytes32) {
        return keccak256(abi.encodePacked(_id, voteEpoch[_id], _callHash));
    }

    /// Every pending vote of the authority dies (its voters or its threshold changed).
    function _voidVotes(bytes32 _id) internal {
        uint64 epoch = ++voteEpoch[_id];
        emit VotesVoided(_id, epoch);
    }

    /// Withdraws the caller's pending vote for a call (identified by its calldata hash).
    function revokeCall(bytes32 _callHash) external returns (bool) {
        bytes32 id = _callerID();
        uint256[] storage pending = votes[_voteKey(id, _callHash)];
        for (uint256 i = 0; i < pending.length; i++) {
            if (address(uint160(pending[i])) == msg.sender) {
                _dropVote(pending, i);
                emit MultiSigCallRevoked(id, _callHash, msg.sender);
                return true;
            }
        }
        revert NoVote(_callHash, msg.sender);
    }

    function _callerID() internal view returns (bytes32 id) {
        id = authorityOf[msg.sender];
        if (id == 0 || authorityAddressRestricted[msg.sender]) revert NotAuthority(msg.sender);
    }

    function _onlyOwner() internal returns (bool) {
        bytes32 id = authorityOf[msg.sender];
        if (id != ownerID || authorityAddressRestricted[msg.sender]) revert NotOwner(msg.sender);
        return _checkMultiSig(id, authorityData[id].multiSigThreshold);
    }

    /// The calling authority, its index, and whether its multisig threshold is reached.
    function _onlyAuthority() internal returns (bytes32 id, Authority memory a, bool approved) {
        id = _callerID();
        a = authorityData[id];
        if (a.restricted) revert AuthorityRestricted(id);
        approved = _checkMultiSig(id, a.multiSigThreshold);
    }

    function _checkCountry(bytes32 _authority, uint16 _country) internal view {
        if (_country == 0 || _country > 999) revert InvalidCountry(_country);
        if (_authority != ownerID && !authorityCountries[_authority][_country]) revert CountryNotPermitted(_authority, _country);
    }

    /* ------------------------------------------------------------------ owner functions */

    function addAuthority(address[] calldata _addr, uint16[] calldata _countries, uint32 _threshold) external returns (bool) {
        if (_addr.length == 0) revert EmptyArray();
        if (_threshold == 0 || _threshold > _addr.length) revert InvalidThreshold(_threshold, uint32(_addr.length));
        bytes32 id = keccak256(abi.encodePacked(address(this), _addr[0]));
        if (authorityData[id].multiSigThreshold != 0) revert AuthorityExists(id);
        if (investorData[id].country != 0) revert IDTaken(id);
        for (uint256 i = 0; i < _addr.length; i++) {
            if (_addr[i] == address(0)) revert ZeroAddress();
        }
        if (!_onlyOwner()) return false;
        investorData[id].country = RESERVED;
        uint32 index = ++authorityCount;
        _newAuthority(id, index, _threshold, _addr.length);
        authorityByIndex[index] = id;
        for (uint256 i = 0; i < _addr.length; i++) {
            AddressRecord storage rec = investorAddress[_addr[i]];
            if (rec.id != 0) revert AddressRegistered(_addr[i], id);
            rec.id = AUTHORITY_ADDRESS;
            authorityOf[_addr[i]] = id;
        }
        _setCountries(id, _countries, true);
        emit NewAuthority(id);
        return true;
    }

    function setAuthorityCountries(bytes32 _id, uint16[] calldata _countries, bool _auth) external returns (bool) {
        _knownAuthority(_id);
        if (!_onlyOwner()) return false;
        _setCountries(_id, _countries, _auth);
        emit AuthorityCountries(_id, _countries, _auth);
        return true;
    }

    function _setCountries(bytes32 _id, uint16[] calldata _countries, bool _auth) internal {
        for (uint256 i = 0; i < _countries.length; i++) {
            if (_countries[i] == 0 || _countries[i] > 999) revert InvalidCountry(_countries[i]);
            authorityCountries[_id][_countries[i]] = _auth;
        }
    }

    function setAuthorityThreshold(bytes32 _id, uint32 _threshold) external returns (bool) {
        Authority storage a = _knownAuthority(_id);
        if (_threshold == 0 || _threshold > a.addressCount) revert InvalidThreshold(_threshold, a.addressCount);
        if (!_onlyOwner()) return false;
        a.multiSigThreshold = _threshold;
        _voidVotes(_id);
        emit AuthorityThreshold(_id, _threshold);
        return true;
    }

    function setAuthorityRestriction(bytes32 _id, bool _restricted) external returns (bool) {
        Authority storage a = _knownAuthority(_id);
        if (_id == ownerID) revert UnknownAuthority(_id);
        if (!_onlyOwner()) return false;
        a.restricted = _restricted;
        _voidVotes(_id);
        emit AuthorityRestriction(_id, _restricted);
        return true;
    }

    /// Moves investors to another authority, e.g. after re-verifying those of a restricted one.
    function setInvestorAuthority(bytes32 _authID, bytes32[] calldata _id) external returns (bool) {
        Authority storage a = _knownAuthority(_authID);
        if (!_onlyOwner()) return false;
        for (uint256 i = 0; i < _id.length; i++) {
            Investor storage inv = _knownInvestor(_id[i]);
            inv.authority = a.index;
            emit InvestorAuthority(_id[i], _authID);
        }
        return true;
    }

    /// A new authority's record, written in one SSTORE (Authority's layout: index, threshold, address count, not restricted).
    function _newAuthority(bytes32 _id, uint32 _index, uint32 _threshold, uint256 _addresses) internal {
        Authority storage a = authorityData[_id];
        uint256 record = uint256(_index) | (uint256(_threshold) << 32) | (uint256(uint32(_addresses)) << 64);
        assembly { sstore(a.slot, record) }
    }

    function _knownAuthority(bytes32 _id) internal view returns (Authority storage a) {
        a = authorityData[_id];
        if (a.multiSigThreshold == 0) revert UnknownAuthority(_id);
    }

    /* ------------------------------------------------------------------ authority functions */

    function addInvestor(bytes32 _id, uint16 _country, bytes3 _region, uint8 _rating, uint40 _expires,
        address[] calldata _addr) external returns (bool)
    {
        (bytes32 authID, Authority memory a, bool approved) = _onlyAuthority();
        _checkCountry(authID, _country);
        if (!approved) return false;
        _addInvestor(_id, uint256(uint24(_region)) | (uint256(_country) << 24) | (uint256(_rating) << 40) | (uint256(_expires) << 48),
            a.index, authID);
        for (uint256 i = 0; i < _addr.length; i++) {
            _bindAddress(_id, _addr[i], authID);
        }
        return true;
    }

    /**
     * Adds many investors in one call and one multisig vote. One word per investor in _investor, from
     * the high bits down (a record's 88 bits above the wallet are the order of the Investor slot):
     *
     *   bits 248-255  wallet count (uint8): the wallet below plus the next count - 1 entries of _moreAddr
     *   bits 208-247  rating expiry (uint40)
     *   bits 200-207  rating (uint8)
     *   bits 184-199  country (uint16)
     *   bits 160-183  region (bytes3)
     *   bits   0-159  first wallet (zero when the count is zero, else MalformedInvestor)
     *
     * Every _moreAddr entry must be taken (LengthMismatch).
     */
    function addInvestors(bytes32[] calldata _id, uint256[] calldata _investor, address[] calldata _moreAddr)
        external returns (bool)
    {
        uint256 n = _id.length;
        if (n == 0) revert EmptyArray();
        if (_investor.length != n) revert LengthMismatch();
        (bytes32 authID, Authority memory a, bool approved) = _onlyAuthority();
        if (!approved) {
            for (uint256 i = 0; i < n; i++) {
                _checkCountry(authID, uint16(_investor[i] >> 184));
            }
            return false;
        }
        uint256 next = 0;
        uint16 checked = 0;
        for (uint256 i = 0; i < n; i++) {
            bytes32 id = _id[i];
            uint256 word = _investor[i];
            uint16 country = uint16(word >> 184);
            if (country != checked) {
                _checkCountry(authID, country);
                checked = country;
            }
            _addInvestor(id, (word >> 160) & RECORD_BITS, a.index, authID);
            uint256 count = word >> 248;
            address first = address(uint160(word));
            if (count == 0) {
                if (first != address(0)) revert MalformedInvestor(id);
                continue;
            }
            _bindAddress(id, first, authID);
            uint256 end = next + count - 1;
            if (end > _moreAddr.length) revert LengthMismatch();
            for (; next < end; next++) {
                _bindAddress(id, _moreAddr[next], authID);
            }
        }
        if (next != _moreAddr.length) revert LengthMismatch();
        return true;
    }

    /// _record: region, country, rating and expires, laid out as an Investor slot's first 88 bits.
    function _addInvestor(bytes32 _id, uint256 _record, uint32 _authIndex, bytes32 _authID) internal {
        if (_id == 0) revert ZeroID();
        uint8 rating = uint8(_record >> 40);
        if (rating == 0) revert InvalidRating();
        Investor storage inv = investorData[_id];
        uint16 taken = inv.country;
        if (taken == RESERVED || _id == AUTHORITY_ADDRESS) revert IDTaken(_id);
        if (taken != 0) revert InvestorExists(_id);
        uint256 record = _record | (uint256(_authIndex) << 96);
        assembly { sstore(inv.slot, record) }
        emit NewInvestor(_id, uint16(_record >> 24), bytes3(uint24(_record)), rating, uint40(_record >> 48), _authID);
    }

    function updateInvestor(bytes32 _id, bytes3 _region, uint8 _rating, uint40 _expires) external returns (bool) {
        Investor storage inv = _knownInvestor(_id);
        (bytes32 authID, Authority memory a, bool approved) = _onlyAuthority();
        _checkCountry(authID, inv.country);
        if (_rating == 0) revert InvalidRating();
        if (!approved) return false;
        inv.region = _region;
        inv.rating = _rating;
        inv.expires = _expires;
        inv.authority = a.index;
        emit UpdatedInvestor(_id, _region, _rating, _expires, authID);
        return true;
    }

    function setInvestorRestriction(bytes32 _id, bool _restricted) external returns (bool) {
        Investor storage inv = _knownInvestor(_id);
        (bytes32 authID,, bool approved) = _onlyAuthority();
        _checkCountry(authID, inv.country);
        if (!approved) return false;
        inv.restricted = _restricted;
        emit InvestorRestriction(_id, _restricted, authID);
        return true;
    }

    /// Registers addresses to an investor, or (when the ID is an authority) to the calling authority.
    function registerAddresses(bytes32 _id, address[] calldata _addr) external returns (bool) {
        (bytes32 authID,, bool approved) = _onlyAuthority();
        if (_id == authID) {
            if (!approved) return false;
            for (uint256 i = 0; i < _addr.length; i++) {
                AddressRecord storage rec = investorAddress[_addr[i]];
                if (rec.id == 0) {
                    rec.id = AUTHORITY_ADDRESS;
                    authorityOf[_addr[i]] = authID;
                    authorityData[authID].addressCount++;
                } else if (authorityOf[_addr[i]] != authID) {
                    revert AddressRegistered(_addr[i], rec.id == AUTHORITY_ADDRESS ? authorityOf[_addr[i]] : rec.id);
                } else if (authorityAddressRestricted[_addr[i]]) {
                    authorityAddressRestricted[_addr[i]] = false;
                    authorityData[authID].addressCount++;
                }
                emit RegisteredAddresses(authID, _addr[i], authID);
            }
            return true;
        }
        Investor storage inv = _knownInvestor(_id);
        _checkCountry(authID, inv.country);
        if (!approved) return false;
        for (uint256 i = 0; i < _addr.length; i++) {
            _bindAddress(_id, _addr[i], authID);
        }
        return true;
    }

    /// Binds a wallet to an investor (one cold read: free, the investor's own, or someone else's).
    function _bindAddress(bytes32 _id, address _addr, bytes32 _authID) internal {
        if (_addr == address(0)) revert ZeroAddress();
        AddressRecord storage rec = investorAddress[_addr];
        bytes32 holder = rec.id;
        if (holder == 0) {
            rec.id = _id;
        } else if (holder != _id) {
            revert AddressRegistered(_addr, holder == AUTHORITY_ADDRESS ? authorityOf[_addr] : holder);
        } else if (rec.restricted) {
            rec.restricted = false;
        }
        emit RegisteredAddresses(_id, _addr, _authID);
    }

    /// Restricts addresses of an investor (or of the calling authority). Bindings are kept.
    function restrictAddresses(bytes32 _id, address[] calldata _addr) external returns (bool) {
        (bytes32 authID, Authority memory a, bool approved) = _onlyAuthority();
        if (_id == authID) {
            if (!approved) return false;
            for (uint256 i = 0; i < _addr.length; i++) {
                if (authorityOf[_addr[i]] != authID) revert AddressNotRegistered(_addr[i]);
                if (!authorityAddressRestricted[_addr[i]]) {
                    authorityAddressRestricted[_addr[i]] = true;
                    a.addressCount--;
                }
                emit RestrictedAddresses(authID, _addr[i], authID);
            }
            if (a.addressCount < a.multiSigThreshold) revert InvalidThreshold(a.multiSigThreshold, a.addressCount);
            authorityData[authID].addressCount = a.addressCount;
            _voidVotes(authID);
            return true;
        }
        Investor storage inv = _knownInvestor(_id);
        _checkCountry(authID, inv.country);
        if (!approved) return false;
        for (uint256 i = 0; i < _addr.length; i++) {
            AddressRecord storage rec = investorAddress[_addr[i]];
            if (rec.id != _id) revert AddressNotRegistered(_addr[i]);
            rec.restricted = true;
            emit RestrictedAddresses(_id, _addr[i], authID);
        }
        return true;
    }

    function _knownInvestor(bytes32 _id) internal view returns (Investor storage inv) {
        inv = investorData[_id];
        if (inv.country == 0 || inv.country == RESERVED) revert UnknownInvestor(_id);
    }

    /* ------------------------------------------------------------------ views */

    /// The investor ID of an address, or 0. Never reverts.
    function getID(address _addr) external view returns (bytes32) {
        return _investorID(investorAddress[_addr].id);
    }

    /// An investorAddress ID as an investor ID: 0 for an owner or authority address.
    function _investorID(bytes32 _held) internal pure returns (bytes32) {
        return _held == AUTHORITY_ADDRESS ? bytes32(0) : _held;
    }

    function getInvestor(address _addr) external view returns (bytes32 _id, bool _permitted, uint8 _rating, uint16 _country) {
        (_id, _permitted, _rating, _country) = _investorOf(_addr);
        if (_country == 0) revert AddressNotRegistered(_addr);
    }

    function getInvestors(address _from, address _to) external view returns (bytes32[2] memory _id, bool[2] memory _permitted,
        uint8[2] memory _rating, uint16[2] memory _country)
    {
        (_id[0], _permitted[0], _rating[0], _country[0]) = _investorOf(_from);
        (_id[1], _permitted[1], _rating[1], _country[1]) = _investorOf(_to);
    }

    /// An address's investor: ID, permitted, rating, country (all zero for an address of no investor).
    function _investorOf(address _addr) internal view returns (bytes32 id, bool permitted, uint8 rating, uint16 country) {
        AddressRecord storage rec = investorAddress[_addr];
        id = _investorID(rec.id);
        Investor storage inv = investorData[id];
        return (id, id != 0 && !rec.restricted && isPermittedID(id), inv.rating, inv.country);
    }

    function getRating(bytes32 _id) external view returns (uint8) {
        return _knownInvestor(_id).rating;
    }

    function getRegion(bytes32 _id) external view returns (bytes3) {
        return _knownInvestor(_id).region;
    }

    function getCountry(bytes32 _id) external view returns (uint16) {
        return _knownInvestor(_id).country;
    }

    function getExpires(bytes32 _id) external view returns (uint40) {
        return _knownInvestor(_id).expires;
    }

    function isPermitted(address _addr) external view returns (bool _permitted) {
        (, _permitted,,) = _investorOf(_addr);
    }

    /// Registered, not restricted, rating not expired, approving authority not restricted.
    function isPermittedID(bytes32 _id) public view returns (bool) {
        Investor storage inv = investorData[_id];
        if (inv.country == 0 || inv.country == RESERVED || inv.restricted || inv.expires < block.timestamp) return false;
        // The owner (index 0) is never restricted.
        return inv.authority == 0 || !authorityData[authorityByIndex[inv.authority]].restricted;
    }

    function isRegistered(bytes32 _id) external view returns (bool) {
        uint16 country = investorData[_id].country;
        return country != 0 && country != RESERVED;
    }

    /// The authority ID an address acts for (the owner ID for owner addresses), or 0.
    function getAuthorityID(address _addr) external view returns (bytes32) {
        return authorityOf[_addr];
    }

    function isApprovedAuthority(address _addr, uint16 _country) external view returns (bool) {
        bytes32 id = authorityOf[_addr];
        if (id == 0 || authorityAddressRestricted[_addr]) return false;
        if (id == ownerID) return true;
        return !authorityData[id].restricted && authorityCountries[id][_country];
    }

    /// The investor who owns an investor ID's record: its authority ID.
    function getInvestorAuthority(bytes32 _id) external view returns (bytes32) {
        uint32 index = _knownInvestor(_id).authority;
        return index == 0 ? ownerID : authorityByIndex[index];
    }

    function generateID(string calldata _idString) external pure returns (bytes32) {
        return keccak256(abi.encodePacked(_idString));
    }
}
