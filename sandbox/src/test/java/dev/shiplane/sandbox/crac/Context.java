package dev.shiplane.sandbox.crac;

/** A group of resources notified together; itself a resource, as in the org.crac API. */
public abstract class Context<R extends Resource> implements Resource {

    public abstract void register(R resource);
}
