package dev.shiplane.core.fakes;

import dev.shiplane.core.operator.RequestClaims;

class InMemoryRequestClaimsTest extends RequestClaimsContract {

    private final InMemoryRequestClaims claims = new InMemoryRequestClaims();

    @Override
    protected RequestClaims claims() {
        return claims;
    }
}
