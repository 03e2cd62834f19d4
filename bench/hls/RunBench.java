import java.lang.reflect.Method;

/**
 * Runs one benchmark test method outside Maven, on whatever class path the JVM was given (another
 * build's classes and its test classes): {@code java -cp ... bench/hls/RunBench.java <class> <method>}.
 * The method is called on a new instance, as JUnit would; its exception fails the run.
 */
public final class RunBench {

    public static void main(String[] args) throws Exception {
        Class<?> type = Class.forName(args[0]);
        var constructor = type.getDeclaredConstructor();
        constructor.setAccessible(true);
        Method method = type.getDeclaredMethod(args[1]);
        method.setAccessible(true);
        try {
            method.invoke(constructor.newInstance());
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new IllegalStateException(args[0] + "." + args[1] + " failed", e.getCause());
        }
        System.exit(0);
    }
}
