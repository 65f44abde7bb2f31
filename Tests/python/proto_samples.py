"""The sample rules of tools/protoc-gen-sjswift, rebuilt from Python's descriptors.

Swift's generated `sample(variant, depth:)` and `sample()` here must produce equal messages; the
cross-language test relies on it. Change both together.
"""

from google.protobuf.descriptor import FieldDescriptor as FD

MAX_DEPTH = 2

SIGNED32 = {FD.TYPE_INT32, FD.TYPE_SINT32, FD.TYPE_SFIXED32}
SIGNED64 = {FD.TYPE_INT64, FD.TYPE_SINT64, FD.TYPE_SFIXED64}
UNSIGNED32 = {FD.TYPE_UINT32, FD.TYPE_FIXED32}
UNSIGNED64 = {FD.TYPE_UINT64, FD.TYPE_FIXED64}


def scalar(field_type, n, name, second=False):
    bump = 1 if second else 0
    if field_type in SIGNED32:
        return -(n * 1009 + 7) + bump
    if field_type in SIGNED64:
        return -(n * 10000000019 + 7) + bump
    if field_type in UNSIGNED32:
        return 3000000000 + n * 1009 + 7 + bump
    if field_type in UNSIGNED64:
        return 18000000000000000000 + n * 1009 + 7 + bump
    if field_type == FD.TYPE_FLOAT:
        return n + (1.5 if second else 0.5)
    if field_type == FD.TYPE_DOUBLE:
        return n + (1.25 if second else 0.25)
    if field_type == FD.TYPE_BOOL:
        return not second
    if field_type == FD.TYPE_STRING:
        return f"值{n}·☺😈-{name}" + ("2" if second else "")
    if field_type == FD.TYPE_BYTES:
        return bytes([0x00, 0xFF, n & 0xFF, 0x80] + ([0x01] if second else []))
    raise AssertionError(field_type)


def enum_value(enum_type, second=False):
    values = enum_type.values
    return (values[0] if second else values[-1]).number


def one_value(field, second=False):
    if field.type == FD.TYPE_ENUM:
        return enum_value(field.enum_type, second)
    return scalar(field.type, field.number, field.name, second)


def is_map(field):
    return field.type == FD.TYPE_MESSAGE and field.message_type.GetOptions().map_entry


def variants(descriptor):
    return max([1] + [len(o.fields) for o in descriptor.oneofs])


def sample(cls, variant=0, depth=0):
    m = cls()
    d = cls.DESCRIPTOR
    for field in d.fields:
        if field.containing_oneof is not None:
            continue
        if is_map(field):
            key_f, value_f = field.message_type.fields_by_number[1], field.message_type.fields_by_number[2]
            if value_f.type == FD.TYPE_MESSAGE and depth >= MAX_DEPTH:
                continue
            target = getattr(m, field.name)
            for second in (False, True):
                if key_f.type == FD.TYPE_STRING:
                    key = f"k{field.number}" + ("·二" if second else "")
                elif key_f.type == FD.TYPE_BOOL:
                    key = not second
                else:
                    key = scalar(key_f.type, field.number, "", second)
                if value_f.type == FD.TYPE_MESSAGE:
                    entry = target[key]  # creates the entry
                    if not second:
                        entry.CopyFrom(sample(type(entry), 0, depth + 1))
                elif value_f.type == FD.TYPE_ENUM:
                    target[key] = enum_value(value_f.enum_type, second)
                else:
                    target[key] = scalar(value_f.type, field.number, field.name, second)
        elif field.is_repeated:
            target = getattr(m, field.name)
            if field.type == FD.TYPE_MESSAGE:
                if depth < MAX_DEPTH:
                    first = target.add()
                    first.CopyFrom(sample(type(first), 0, depth + 1))
                    target.add()
            else:
                target.append(one_value(field))
                target.append(one_value(field, True))
        elif field.type == FD.TYPE_MESSAGE:
            if depth < MAX_DEPTH:
                getattr(m, field.name).CopyFrom(sample(type(getattr(m, field.name)), 0, depth + 1))
        else:
            setattr(m, field.name, one_value(field))
    for oneof in d.oneofs:
        chosen = oneof.fields[variant % len(oneof.fields)]
        if chosen.type == FD.TYPE_MESSAGE:
            nested = getattr(m, chosen.name)
            nested.SetInParent()
            if depth < MAX_DEPTH:
                nested.CopyFrom(sample(type(nested), 0, depth + 1))
        else:
            setattr(m, chosen.name, one_value(chosen))
    return m
