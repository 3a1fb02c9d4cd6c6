package io.ballast.proxy;

import io.ballast.acl.SampleContext;
import io.ballast.acl.StringTemplate;

/** A string used as written, where HAProxy takes no log-format (legacy {@code redirect}, {@code deny}...). */
record LiteralTemplate(String text) implements StringTemplate {

    @Override
    public String render(SampleContext ctx) {
        return text;
    }

    @Override
    public boolean isConstant() {
        return true;
    }
}
