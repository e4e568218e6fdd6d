package dev.shiplane.core.fakes;

import dev.shiplane.core.deploy.ImageCatalog;

class InMemoryImageCatalogTest extends ImageCatalogContract {

    private final InMemoryImageCatalog catalog = new InMemoryImageCatalog();

    @Override
    protected ImageCatalog catalog() {
        return catalog;
    }

    @Override
    protected String givenImage(String repository, String tag) {
        return catalog.push(repository, tag);
    }
}
