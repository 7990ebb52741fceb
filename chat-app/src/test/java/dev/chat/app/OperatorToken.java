package dev.chat.app;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;

/** An operator's token for the tests: the guide's MintToken mints users' tokens only. */
final class OperatorToken {

    private OperatorToken() {}

    /** Valid for an hour, with the default operator claim {@code chat_operator}. */
    static String mint(String secret, String subject, String name) throws JOSEException {
        var claims = new JWTClaimsSet.Builder().subject(subject).claim("name", name).claim("chat_operator", true)
                .expirationTime(Date.from(Instant.now().plusSeconds(3600))).build();
        var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }
}
