package dev.chat.app.example;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** How an application's backend mints a token for one of its users, with the chat server's AUTH_SECRET. */
public final class MintToken {

    private MintToken() {}

    /** @param privateRooms the private rooms the user may use: names, or prefixes ending in '*' */
    public static String mint(String authSecret, String userId, String displayName, List<String> privateRooms,
            Duration validFor) throws JOSEException {
        var claims = new JWTClaimsSet.Builder()
                .subject(userId)
                .claim("name", displayName)
                .claim("rooms", privateRooms)
                .expirationTime(Date.from(Instant.now().plus(validFor)))
                .build();
        var token = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        token.sign(new MACSigner(authSecret.getBytes(StandardCharsets.UTF_8)));
        return token.serialize();
    }
}
