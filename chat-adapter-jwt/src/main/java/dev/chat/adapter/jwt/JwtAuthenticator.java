package dev.chat.adapter.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import dev.chat.domain.Checked;
import dev.chat.domain.ErrorCode;
import dev.chat.domain.Identity;
import dev.chat.domain.RoomPatterns;
import dev.chat.domain.Text;
import dev.chat.domain.port.needed.Authenticated;
import dev.chat.domain.port.needed.Authenticator;
import java.net.MalformedURLException;
import java.security.interfaces.EdECPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Verifies JSON Web Tokens with Nimbus JOSE+JWT: the signature with the configured keys, only with the algorithms
 * those keys are for (an HS256 token is refused by an RSA key, and {@code alg: none} always), then the claims:
 * {@code sub} and {@code exp} required, {@code nbf} honoured, {@code aud} and {@code iss} when configured.
 */
public final class JwtAuthenticator implements Authenticator {

    private static final String NOT_BEFORE = "JWT before use time";
    private static final String EXPIRY_OUT_OF_RANGE = "the expiration time (exp) is not a time after 1970";

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final String nameClaim;
    private final String operatorClaim;
    private final String roomsClaim;

    public JwtAuthenticator(JwtSettings settings) {
        this(settings, Clock.systemUTC());
    }

    JwtAuthenticator(JwtSettings settings, Clock clock) {
        this.nameClaim = settings.nameClaim();
        this.operatorClaim = settings.operatorClaim();
        this.roomsClaim = settings.roomsClaim();
        processor.setJWSKeySelector(keySelector(settings.keys(), clock));
        processor.setJWSVerifierFactory(new VerifierFactory());
        var required = Set.of("sub", "exp");
        var exact = new JWTClaimsSet.Builder();
        settings.issuer().ifPresent(exact::issuer);
        var claims = new DefaultJWTClaimsVerifier<>(settings.audience().map(Set::of).orElse(null), exact.build(),
                required, null) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }

            /** Nimbus reads an 'exp' too large for a date as one that wrapped round into the past: refused first. */
            @Override
            public void verify(JWTClaimsSet claimsSet, SecurityContext context) throws BadJWTException {
                var expires = claimsSet.getExpirationTime();
                if (expires != null && expires.getTime() < 0) {
                    throw new BadJWTException(EXPIRY_OUT_OF_RANGE);
                }
                super.verify(claimsSet, context);
            }
        };
        claims.setMaxClockSkew((int) settings.clockSkew().toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
    }

    @Override
    public Checked<Authenticated> authenticate(String token) {
        if (token == null || token.isBlank()) {
            return Checked.rejected(ErrorCode.TOKEN_MISSING,
                    "a token is required: send it as 'Authorization: Bearer <token>' or as ?token=");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (BadJWTException e) {
            return rejectedClaims(e);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            return Checked.rejected(ErrorCode.TOKEN_INVALID, "the token is not one this server accepts: "
                    + e.getMessage());
        }
        boolean operator = Boolean.TRUE.equals(claims.getClaim(operatorClaim));
        return identity(claims).flatMap(identity -> rooms(claims).map(rooms ->
                new Authenticated(identity, claims.getExpirationTime().toInstant(), operator, rooms)));
    }

    /** No claim grants no private room; a claim that is not a list of room patterns refuses the token. */
    private Checked<RoomPatterns> rooms(JWTClaimsSet claims) {
        Object claim = claims.getClaim(roomsClaim);
        if (claim == null) {
            return Checked.accepted(RoomPatterns.NONE);
        }
        if (!(claim instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            return Checked.rejected(ErrorCode.TOKEN_REJECTED, "the token's '" + roomsClaim
                    + "' claim must be a list of room names or patterns");
        }
        var checked = RoomPatterns.check(list.stream().map(String.class::cast).toList());
        return switch (checked) {
            case Checked.Accepted<RoomPatterns> accepted -> accepted;
            case Checked.Rejected<RoomPatterns>(var rejection) -> Checked.rejected(ErrorCode.TOKEN_REJECTED,
                    "the token's '" + roomsClaim + "' claim is not accepted: " + rejection.message());
        };
    }

    /** An empty or blank subject would be the server's own identity, which system messages carry. */
    private Checked<Identity> identity(JWTClaimsSet claims) {
        var subject = claims.getSubject();
        if (Text.isMissing(subject)) {
            return Checked.rejected(ErrorCode.TOKEN_REJECTED, "the token's subject (sub) must not be empty");
        }
        Object name = claims.getClaim(nameClaim);
        return Identity.check(subject, name instanceof String text ? text : subject, () -> subject);
    }

    /** Nimbus tells the two time checks apart from the others only by their class and message. */
    private static Checked<Authenticated> rejectedClaims(BadJWTException e) {
        if (e instanceof ExpiredJWTException) {
            return Checked.rejected(ErrorCode.TOKEN_EXPIRED, "the token has expired: get a new one");
        }
        if (NOT_BEFORE.equals(e.getMessage())) {
            return Checked.rejected(ErrorCode.TOKEN_NOT_YET_VALID, "the token is not valid yet (nbf)");
        }
        return Checked.rejected(ErrorCode.TOKEN_REJECTED, "the token's claims are not accepted: " + e.getMessage());
    }

    private static JWSKeySelector<SecurityContext> keySelector(JwtSettings.Keys keys, Clock clock) {
        return switch (keys) {
            case JwtSettings.Keys.Hmac hmac -> new JWSVerificationKeySelector<>(
                    JWSAlgorithm.parse(hmac.algorithm()), hmacKeys(hmac, clock));
            case JwtSettings.Keys.PublicKeyPem pem -> publicKey(pem.pem());
            case JwtSettings.Keys.JwksUrl jwks -> new JWSVerificationKeySelector<>(asymmetric(), remote(jwks));
        };
    }

    /** The current secret, and the previous one for as long as it is still accepted. */
    private static JWKSource<SecurityContext> hmacKeys(JwtSettings.Keys.Hmac hmac, Clock clock) {
        var current = new OctetSequenceKey.Builder(hmac.secret()).build();
        var withPrevious = new ArrayList<JWK>(List.of(current));
        hmac.previous().ifPresent(secret -> withPrevious.add(new OctetSequenceKey.Builder(secret).build()));
        var both = new JWKSet(withPrevious);
        var onlyCurrent = new JWKSet(current);
        return (selector, context) -> selector.select(
                clock.instant().isBefore(hmac.previousUntil()) ? both : onlyCurrent);
    }

    /** An Ed25519 key is offered for EdDSA and Ed25519 tokens only, as an RSA or EC key is for its own family. */
    private static JWSKeySelector<SecurityContext> publicKey(String pem) {
        var key = PemPublicKey.parse(pem);
        if (key instanceof EdECPublicKey ed) {
            return (header, context) -> Ed25519Verifier.ALGORITHMS.contains(header.getAlgorithm()) ? List.of(ed)
                    : List.of();
        }
        return new JWSVerificationKeySelector<>(asymmetric(), new ImmutableJWKSet<>(new JWKSet(PemPublicKey.jwk(key))));
    }

    private static JWKSource<SecurityContext> remote(JwtSettings.Keys.JwksUrl jwks) {
        try {
            return JWKSourceBuilder.<SecurityContext>create(jwks.url().toURL())
                    .cache(jwks.cacheFor().toMillis(), JWKSourceBuilder.DEFAULT_CACHE_REFRESH_TIMEOUT)
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a URL: " + jwks.url(), e);
        }
    }

    /** Every signature algorithm of public keys; the key itself then decides which apply. */
    private static Set<JWSAlgorithm> asymmetric() {
        var algorithms = new HashSet<JWSAlgorithm>(JWSAlgorithm.Family.RSA);
        algorithms.addAll(JWSAlgorithm.Family.EC);
        return algorithms;
    }
}
