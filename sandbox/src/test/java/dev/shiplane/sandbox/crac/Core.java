package dev.shiplane.sandbox.crac;

import java.util.ArrayList;
import java.util.List;

/**
 * The checkpoint side of a Lambda runtime with SnapStart, for {@code SnapshotLambdaLauncher}. The org.crac library a
 * function registers its hooks with does nothing on a JDK without CRaC unless the system property
 * {@code org.crac.Core.Compat} names a package with this shape (Core, Context, Resource and the two exceptions);
 * Lambda's runtime provides its own, and this one plays it: registrations are kept, and the launcher runs
 * {@code beforeCheckpoint} on all of them (last registered first, as CRaC does) before the snapshot and
 * {@code afterRestore} (first registered first) after it. Taking the snapshot is CRIU's part, outside the JVM.
 */
public final class Core {

    private static final GlobalContext GLOBAL = new GlobalContext();

    private Core() {}

    public static Context<Resource> getGlobalContext() {
        return GLOBAL;
    }

    /** A JVM cannot checkpoint itself here: the bench takes the snapshot from outside with CRIU. */
    public static void checkpointRestore() throws CheckpointException, RestoreException {
        throw new UnsupportedOperationException("the snapshot is taken from outside the JVM, by criu dump");
    }

    private static final class GlobalContext extends Context<Resource> {

        private final List<Resource> resources = new ArrayList<>();

        @Override
        public synchronized void register(Resource resource) {
            resources.add(resource);
        }

        /** Notifies every resource, as CRaC does, and then reports the failures together. */
        @Override
        public synchronized void beforeCheckpoint(Context<? extends Resource> context) throws CheckpointException {
            Exception failed = null;
            for (int i = resources.size() - 1; i >= 0; i--) {
                try {
                    resources.get(i).beforeCheckpoint(this);
                } catch (Exception failure) {
                    failed = together(failed, failure);
                }
            }
            if (failed != null) throw new CheckpointException(failed);
        }

        @Override
        public synchronized void afterRestore(Context<? extends Resource> context) throws RestoreException {
            Exception failed = null;
            for (var resource : resources) {
                try {
                    resource.afterRestore(this);
                } catch (Exception failure) {
                    failed = together(failed, failure);
                }
            }
            if (failed != null) throw new RestoreException(failed);
        }

        private static Exception together(Exception first, Exception next) {
            if (first == null) return next;
            first.addSuppressed(next);
            return first;
        }
    }
}
