package dev.sluice.arguments;

import java.lang.reflect.Constructor;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindConstructorProvider;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.Nullness;
import org.springframework.core.ParameterNameDiscoverer;

/**
 * One argument of a configuration type, read from the type's constructor: the name users write
 * ({@code backoff.firstBackoff}), the key it binds from ({@code backoff.first-backoff}), its type,
 * and whether it must be given.
 *
 * @param name the name, dotted below a record-typed component
 * @param key the name in the dashed form of a configuration property
 * @param type the declared type
 * @param required whether a definition must give a value
 */
record Argument(String name, String key, Class<?> type, boolean required) {

	private static final Map<Class<?>, List<Argument>> cache = new ConcurrentHashMap<>();

	private static final ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();

	/**
	 * Returns the arguments of a configuration type, in constructor order, those of a
	 * record-typed component in its place.
	 * @param configType the configuration type
	 * @return the arguments
	 */
	static List<Argument> of(Class<?> configType) {
		return cache.computeIfAbsent(configType, (type) -> List.copyOf(collect("", type, new ArrayList<>())));
	}

	static List<String> names(List<Argument> arguments) {
		return arguments.stream().map(Argument::name).toList();
	}

	private static List<Argument> collect(String prefix, Class<?> type, List<Argument> into) {
		Constructor<?> constructor = constructor(type);
		if (constructor == null) {
			return into;
		}
		Parameter[] parameters = constructor.getParameters();
		String[] names = parameterNames(type, constructor);
		for (int i = 0; i < parameters.length; i++) {
			Parameter parameter = parameters[i];
			String name = prefix + names[i];
			if (parameter.getType().isRecord()) {
				collect(name + ".", parameter.getType(), into);
				continue;
			}
			// Arguments inside a group are optional: the group as a whole is absent or present.
			boolean optional = !prefix.isEmpty() || parameter.isAnnotationPresent(DefaultValue.class)
					|| Nullness.forParameter(parameter) == Nullness.NULLABLE;
			into.add(new Argument(name, dashed(name), parameter.getType(), !optional));
		}
		return into;
	}

	private static @Nullable Constructor<?> constructor(Class<?> type) {
		if (type.isRecord()) {
			Class<?>[] components = Arrays.stream(type.getRecordComponents())
				.map(RecordComponent::getType)
				.toArray(Class<?>[]::new);
			try {
				return type.getDeclaredConstructor(components);
			}
			catch (NoSuchMethodException ex) {
				throw new IllegalStateException("Record " + type.getName() + " has no canonical constructor", ex);
			}
		}
		return BindConstructorProvider.DEFAULT.getBindConstructor(type, false);
	}

	private static String[] parameterNames(Class<?> type, Constructor<?> constructor) {
		if (type.isRecord()) {
			return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toArray(String[]::new);
		}
		String[] names = parameterNames.getParameterNames(constructor);
		if (names == null) {
			throw new IllegalStateException("Cannot read the parameter names of " + constructor
					+ "; compile with -parameters or make " + type.getName() + " a record");
		}
		return names;
	}

	private static String dashed(String name) {
		return Arrays.stream(name.split("\\.")).map(DataObjectPropertyName::toDashedForm)
			.reduce((left, right) -> left + "." + right)
			.orElse(name);
	}

}
