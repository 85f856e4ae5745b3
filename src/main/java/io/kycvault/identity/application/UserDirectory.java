package io.kycvault.identity.application;

/**
 * The directory applicants and staff sign in with (the Cognito user pool in AWS). Its users are
 * named by the token's {@code sub}, which is the applicant ID of every case.
 */
public interface UserDirectory {

    /**
     * The user can no longer sign in or refresh a session; tokens already issued stay valid until
     * they expire (the API's JWT authorizer checks signatures, not revocation). Idempotent; a subject
     * the directory does not know is left as it is.
     */
    void disable(String subject);
}
